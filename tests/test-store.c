/* test-store.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dlb-entity-private.h"
#include "dlb-model.h"
#include "dlb-schema.h"
#include "dlb-json.h"
#include "dlb-store.h"
#include "dlb-store-private.h"
#include "dlb-test-files.h"

/* Each test works in its own temporary folder. */
typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("deliberate-store-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        g_chmod (child, 0700);
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
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static char *
file_hash (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A case with every kind of entity and every type of field, including
 * Unicode, empty and extreme values. */
static DlbCase *
make_full_case (void)
{
  DlbCase *c = g_object_new (DLB_TYPE_CASE, "id", "case",
                             "title", "Ring × CPD — décision ☂",
                             "question", "Should the Chicago Police Department partner with Ring?\n\nSecond paragraph.",
                             "memo-to", "Mayor Lori Lightfoot",
                             "memo-from", "مستشار السياسات",
                             "memo-subject", "Ring partnership",
                             "memo-date", "2020-02-01",
                             "office", "Office of the Mayor",
                             "background", "Background 🚓",
                             "notes", "",
                             "paper-size", DLB_PAPER_A4,
                             "justification", NULL,
                             "weighting", DLB_WEIGHTING_AHP,
                             NULL);
  g_autoptr(DlbStakeholder) mayor = g_object_new (DLB_TYPE_STAKEHOLDER, "id", "mayor",
                                                  "name", "Mayor Lori Lightfoot",
                                                  "group", DLB_GROUP_GOVERNMENT,
                                                  "role", "Decides", "concern", "Reform agenda",
                                                  "power", 5, "interest", 4, "stance", -2,
                                                  "consulted", TRUE, "consultation-note", "Met in March",
                                                  NULL);
  g_autoptr(DlbStakeholder) aclu = g_object_new (DLB_TYPE_STAKEHOLDER, "id", "aclu",
                                                 "name", "ACLU of Illinois",
                                                 "group", DLB_GROUP_CIVIL_SOCIETY,
                                                 "power", 1, "interest", 5, "stance", 2, NULL);
  g_autoptr(DlbSource) markey = g_object_new (DLB_TYPE_SOURCE, "id", "markey",
                                              "label", "Markey 2019", "citation", "Letter",
                                              "url", "https://example.org/markey", "date", "2019-11-18",
                                              "reliability", DLB_RELIABILITY_VERIFIED, NULL);
  g_autoptr(DlbSource) ring = g_object_new (DLB_TYPE_SOURCE, "id", "ring",
                                            "label", "Ring statement",
                                            "reliability", DLB_RELIABILITY_VENDOR_CLAIM, NULL);
  g_autoptr(DlbCriterion) privacy = g_object_new (DLB_TYPE_CRITERION, "id", "privacy",
                                                  "name", "Citizen privacy", "weight", 25.5,
                                                  "minimum", 4.25, "rank", 1, "swing", 100.0, NULL);
  g_autoptr(DlbCriterion) crime = g_object_new (DLB_TYPE_CRITERION, "id", "crime",
                                                "name", "Crime reduction", "weight", 0.1 + 0.2,
                                                "rank", 2, "swing", 37.5, NULL);
  g_autoptr(DlbFinding) retention = g_object_new (DLB_TYPE_FINDING, "id", "retention",
                                                  "title", "No retention limit", "detail", "Kept forever",
                                                  "severity", 4, "likelihood", 1,
                                                  "status", DLB_FINDING_CONDITION_REQUIRED,
                                                  "condition", "Delete after 30 days",
                                                  "criterion", "privacy", NULL);
  g_autoptr(DlbItem) risk = g_object_new (DLB_TYPE_ITEM, "id", "risk", "kind", DLB_ITEM_RISK,
                                          "title", "Racial profiling", "likelihood", 5, "impact", 1,
                                          "criterion", "crime", NULL);
  g_autoptr(DlbOption) enter = g_object_new (DLB_TYPE_OPTION, "id", "enter", "name", "Enter", NULL);
  g_autoptr(DlbOption) conditional = g_object_new (DLB_TYPE_OPTION, "id", "conditional",
                                                   "name", "Enter with conditions",
                                                   "description", "Binding terms", NULL);
  g_autoptr(DlbOption) decline = g_object_new (DLB_TYPE_OPTION, "id", "decline", "name", "Decline", NULL);
  g_autoptr(DlbPerspective) view = g_object_new (DLB_TYPE_PERSPECTIVE, "id", "aclu-view",
                                                 "name", "As the ACLU would weigh it",
                                                 "stakeholder", "aclu", NULL);
  const char *sources[] = { "ring", "markey", NULL };
  const char *resolves[] = { "retention", NULL };
  const char *options[] = { "enter", "conditional", "decline" };
  const char *criteria[] = { "privacy", "crime" };

  _dlb_entity_set_strv (DLB_ENTITY (retention), DLB_FINDING_SOURCES, sources);
  _dlb_entity_set_strv (DLB_ENTITY (risk), DLB_ITEM_SOURCES, (const char *[]) { "markey", NULL });
  _dlb_entity_set_strv (DLB_ENTITY (conditional), DLB_OPTION_RESOLVES, resolves);
  _dlb_entity_set_variant (DLB_ENTITY (view), DLB_PERSPECTIVE_WEIGHTS,
                           g_variant_new_parsed ("{'privacy': 40.0, 'crime': 0.001}"));

  g_assert_true (dlb_case_append (c, DLB_ENTITY (mayor), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (aclu), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (markey), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (ring), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (privacy), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (crime), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (retention), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (risk), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (enter), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (conditional), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (decline), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (view), NULL));

  for (guint o = 0; o < G_N_ELEMENTS (options); o++)
    for (guint k = 0; k < G_N_ELEMENTS (criteria); k++)
      {
        g_autoptr(DlbScore) score = dlb_score_new (options[o], criteria[k]);

        _dlb_entity_set_double (DLB_ENTITY (score), DLB_SCORE_VALUE, o * 4.5);
        _dlb_entity_set_double (DLB_ENTITY (score), DLB_SCORE_LOW, o * 4.0);
        _dlb_entity_set_double (DLB_ENTITY (score), DLB_SCORE_HIGH, 10.0);
        _dlb_entity_set_string (DLB_ENTITY (score), DLB_SCORE_RATIONALE, "Per the memo");
        if (o == 2)
          {
            _dlb_entity_set_strv (DLB_ENTITY (score), DLB_SCORE_FINDINGS, resolves);
            _dlb_entity_set_strv (DLB_ENTITY (score), DLB_SCORE_ITEMS, (const char *[]) { "risk", NULL });
            _dlb_entity_set_strv (DLB_ENTITY (score), DLB_SCORE_SOURCES, sources);
          }
        g_assert_true (dlb_case_append (c, DLB_ENTITY (score), NULL));
      }

  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_RECOMMENDATION, "decline");
  _dlb_entity_set_variant (DLB_ENTITY (c), DLB_CASE_PAIRWISE,
                           g_variant_new_parsed ("[('privacy', 'crime', 5.0), ('crime', 'privacy', %d)]",
                                                 1.0 / 9.0));

  return c;
}

static void
assert_entities_equal (DlbEntity *a,
                       DlbEntity *b)
{
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (a), ==, G_OBJECT_TYPE_NAME (b));
  g_assert_cmpstr (dlb_entity_get_id (a), ==, dlb_entity_get_id (b));

  for (guint i = 0; i < dlb_entity_get_n_fields (a); i++)
    {
      if (!dlb_entity_value_equal (a, i, dlb_entity_get_value (b, i)))
        {
          g_autofree char *va = g_strdup_value_contents (dlb_entity_get_value (a, i));
          g_autofree char *vb = g_strdup_value_contents (dlb_entity_get_value (b, i));

          g_error ("%s.%s differs: %s != %s", dlb_entity_get_id (a),
                   dlb_entity_get_field (a, i)->name, va, vb);
        }
    }
}

static void
assert_cases_equal (DlbCase *a,
                    DlbCase *b)
{
  assert_entities_equal (DLB_ENTITY (a), DLB_ENTITY (b));

  for (DlbKind kind = DLB_KIND_STAKEHOLDER; kind <= DLB_KIND_PERSPECTIVE; kind++)
    {
      GListModel *la = dlb_case_get_list (a, kind);
      GListModel *lb = dlb_case_get_list (b, kind);

      g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
      for (guint i = 0; i < g_list_model_get_n_items (la); i++)
        {
          g_autoptr(DlbEntity) ea = g_list_model_get_item (la, i);
          g_autoptr(DlbEntity) eb = g_list_model_get_item (lb, i);

          assert_entities_equal (ea, eb);
        }
    }
}

/* Another look at the file, as a second window would see it. */
static DlbCase *
reread (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbStore) store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  DlbCase *c;

  g_assert_no_error (error);
  c = g_object_ref (dlb_store_get_case (store));
  dlb_store_close (store);
  return c;
}




static DlbStore *
create_store (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = fixture_path (fixture, name);
  g_autoptr(DlbCase) c = make_full_case ();
  g_autoptr(GError) error = NULL;
  DlbStore *store = dlb_store_create (path, c, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gboolean
set_int (DlbStore   *store,
         const char *id,
         guint       field,
         int         value,
         GError    **error)
{
  DlbCase *c = dlb_store_get_case (store);
  g_auto (GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, value);
  return dlb_case_set_field (c, dlb_case_lookup (c, id), field, &v, error);
}

/* Tests ------------------------------------------------------------------- */

static guint
position_of (DlbCase    *c,
             const char *id)
{
  guint position = G_MAXUINT;

  g_assert_true (g_list_store_find (G_LIST_STORE (dlb_case_get_stakeholders (c)), dlb_case_lookup (c, id),
                                    &position));
  return position;
}

/* Moving an entity in its list: one Undo step, kept in the file, undone
 * and redone after reopening, and told in the history. */
static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "move.deliberate");
  g_autoptr(DlbStore) store = create_store (fixture, "move.deliberate");
  g_autoptr(DlbStore) again = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  DlbCase *c = dlb_store_get_case (store);
  DlbHistoryGroup *g;

  g_assert_cmpuint (position_of (c, "mayor"), ==, 0);
  g_assert_cmpuint (position_of (c, "aclu"), ==, 1);
  g_assert_true (dlb_case_move (c, dlb_case_lookup (c, "aclu"), 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (position_of (c, "aclu"), ==, 0);
  g_assert_cmpuint (position_of (c, "mayor"), ==, 1);

  /* Where it is already: no edit. */
  g_assert_true (dlb_case_move (c, dlb_case_lookup (c, "aclu"), 0, &error));
  history = dlb_store_dup_history (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g = g_ptr_array_index (history, 0);
  g_assert_cmpstr (g->heading, ==, "Moved stakeholder “ACLU of Illinois” from 2 to 1");
  g_clear_pointer (&history, g_ptr_array_unref);

  /* The file keeps the order. */
  dlb_store_close (store);
  g_clear_object (&store);
  again = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  c = dlb_store_get_case (again);
  g_assert_cmpuint (position_of (c, "aclu"), ==, 0);

  g_assert_true (dlb_store_undo (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (position_of (c, "mayor"), ==, 0);
  history = dlb_store_dup_history (again, &error);
  g = g_ptr_array_index (history, 0);
  g_assert_cmpstr (g->heading, ==, "Undid: moved stakeholder “ACLU of Illinois” from 2 to 1");
  g_assert_true (dlb_store_redo (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (position_of (c, "aclu"), ==, 0);
}

/* Each kind of gesture the window makes, as the window makes it: a
 * field, a grouped edit (a drag on the grid writes power and interest
 * together; an applied ranking writes ranks, weights and the method), an
 * addition, a removal with its knock-on changes, a move. Each is one
 * Undo step, and each is undone and redone after the file is closed and
 * opened again. */
typedef enum
{
  GESTURE_FIELD,
  GESTURE_DRAG,
  GESTURE_WEIGHTING,
  GESTURE_ADD,
  GESTURE_REMOVE,
  GESTURE_MOVE,
  N_GESTURES
} Gesture;

static char *
case_json (DlbStore *store)
{
  return dlb_json_write_case (dlb_store_get_case (store), NULL);
}

static void
make_gesture (DlbStore *store,
              Gesture   gesture)
{
  DlbCase *c = dlb_store_get_case (store);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) v = G_VALUE_INIT;

  switch (gesture)
    {
    case GESTURE_FIELD:
      g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_STANCE, 1, &error));
      break;
    case GESTURE_DRAG:
      g_assert_true (dlb_case_begin_group (c, "Move Mayor on the power/interest grid", &error));
      g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 2, &error));
      g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_INTEREST, 1, &error));
      g_assert_true (dlb_case_commit_group (c, &error));
      break;
    case GESTURE_WEIGHTING:
      g_assert_true (dlb_case_begin_group (c, "Apply ranking", &error));
      g_assert_true (set_int (store, "privacy", DLB_CRITERION_RANK, 2, &error));
      g_assert_true (set_int (store, "crime", DLB_CRITERION_RANK, 1, &error));
      g_value_init (&v, DLB_TYPE_WEIGHTING);
      g_value_set_enum (&v, DLB_WEIGHTING_RANKING);
      g_assert_true (dlb_case_set_field (c, DLB_ENTITY (c), DLB_CASE_WEIGHTING, &v, &error));
      g_assert_true (dlb_case_commit_group (c, &error));
      break;
    case GESTURE_ADD:
      {
        g_autoptr(DlbStakeholder) riders = dlb_stakeholder_new ("Transit riders");

        g_assert_true (dlb_case_insert (c, DLB_ENTITY (riders), -1, &error));
      }
      break;
    case GESTURE_REMOVE:
      g_assert_true (dlb_case_remove (c, dlb_case_lookup (c, "privacy"), &error));
      break;
    case GESTURE_MOVE:
      g_assert_true (dlb_case_move (c, dlb_case_lookup (c, "aclu"), 0, &error));
      break;
    case N_GESTURES:
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
}

static void
test_gestures_after_reopening (Fixture       *fixture,
                               gconstpointer  data)
{
  for (Gesture gesture = 0; gesture < N_GESTURES; gesture++)
    {
      g_autofree char *name = g_strdup_printf ("gesture-%d.deliberate", gesture);
      g_autofree char *path = fixture_path (fixture, name);
      g_autoptr(DlbStore) store = create_store (fixture, name);
      g_autoptr(GError) error = NULL;
      g_autofree char *before = case_json (store);
      g_autofree char *after = NULL;
      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;

      make_gesture (store, gesture);
      after = case_json (store);
      g_assert_cmpstr (after, !=, before);
      dlb_store_close (store);
      g_clear_object (&store);

      store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_true (dlb_store_can_undo (store));
      g_assert_true (dlb_store_undo (store, &error));
      g_assert_no_error (error);
      undone = case_json (store);
      g_assert_cmpstr (undone, ==, before);
      /* One step: nothing older to undo in a new file. */
      g_assert_false (dlb_store_can_undo (store));
      dlb_store_close (store);
      g_clear_object (&store);

      store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_true (dlb_store_redo (store, &error));
      g_assert_no_error (error);
      redone = case_json (store);
      g_assert_cmpstr (redone, ==, after);
    }
}

/* The history in plain words, newest gesture first: a grouped edit under
 * its own words with its changes, a removal as the removal (its knock-on
 * changes under it), an undo as what it took back. */
static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "history.deliberate");
  DlbCase *c = dlb_store_get_case (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  DlbHistoryGroup *g;

  history = dlb_store_dup_history (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_pointer (&history, g_ptr_array_unref);

  g_assert_true (dlb_case_begin_group (c, "Move stakeholders", &error));
  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 2, &error));
  g_assert_true (set_int (store, "aclu", DLB_STAKEHOLDER_POWER, 4, &error));
  g_assert_true (dlb_case_commit_group (c, &error));
  g_assert_no_error (error);
  g_assert_true (dlb_case_remove (c, dlb_case_lookup (c, "aclu"), &error));
  g_assert_true (dlb_store_undo (store, &error));
  g_assert_no_error (error);

  history = dlb_store_dup_history (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);

  g = g_ptr_array_index (history, 0);
  g_assert_true (g_str_has_prefix (g->heading, "Undid: removed stakeholder “"));
  g = g_ptr_array_index (history, 1);
  g_assert_true (g_str_has_prefix (g->heading, "Removed stakeholder “"));
  g = g_ptr_array_index (history, 2);
  g_assert_cmpstr (g->heading, ==, "Move stakeholders");
  g_assert_cmpuint (g_strv_length (g->changes), ==, 2);
  g_assert_true (g_str_has_prefix (g->changes[0], "Power of "));
  g_assert_true (g_str_has_suffix (g->changes[0], ": 5 → 2"));
  g_assert_true (g_str_has_suffix (g->changes[1], " → 4"));
  g_assert_nonnull (g->time);
  {
    g_autofree char *when = dlb_history_format_time (g->time);

    g_assert_nonnull (strstr (when, ":"));
  }
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "full.deliberate");
  g_autoptr(DlbCase) original = make_full_case ();
  g_autoptr(DlbCase) loaded = NULL;
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dlb_store_write_case (original, path, &error));
  g_assert_no_error (error);
  /* Only the case file: no temporary or journal file is left behind. */
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);

  g_assert_cmpint (dlb_test_query_int (path, "PRAGMA application_id"), ==, DLB_SCHEMA_APPLICATION_ID);
  g_assert_cmpint (dlb_test_query_int (path, "PRAGMA user_version"), ==, DLB_SCHEMA_VERSION);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM journal"), ==, 0);

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (dlb_store_get_read_only (store));
  g_assert_cmpstr (dlb_store_get_path (store), ==, path);
  loaded = g_object_ref (dlb_store_get_case (store));
  assert_cases_equal (original, loaded);

  /* Exact doubles survive, and an unset minimum stays unset. */
  g_assert_cmpfloat (dlb_criterion_get_weight (DLB_CRITERION (dlb_case_lookup (loaded, "crime"))),
                     ==, 0.1 + 0.2);
  g_assert_false (dlb_criterion_has_minimum (DLB_CRITERION (dlb_case_lookup (loaded, "crime"))));
  g_assert_cmpstr (dlb_case_get_memo_from (loaded), ==, "مستشار السياسات");
}

/* The schema table built with Deliberate is what the steps make with
 * this SQLite, and it is the one a file is checked against. */
static void
test_schema_built (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *why = NULL;

  if (!dlb_schema_check_built (&why))
    g_error ("The case file's schema table: %s", why);
}

static void
test_schema_matches_fields (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "schema.deliberate");
  g_autoptr(DlbCase) c = make_full_case ();
  sqlite3 *db;

  g_assert_true (dlb_store_write_case (c, path, NULL));
  db = dlb_test_open_raw (path);

  /* Every field of the model has its column or table, and nothing else
   * but the file's identity. */
  for (DlbKind kind = DLB_KIND_CASE; kind <= DLB_KIND_PERSPECTIVE; kind++)
    {
      DlbEntityClass *klass = dlb_kind_get_class (kind);
      g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s')", klass->table);
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = NULL;

      for (guint i = 0; i < klass->n_fields; i++)
        {
          const DlbField *field = &klass->fields[i];
          char *column = dlb_field_json_name (field);

          if (field->type == DLB_FIELD_REF_LIST || field->type == DLB_FIELD_WEIGHTS
              || field->type == DLB_FIELD_PAIRS)
            {
              g_autofree char *table = g_strdup_printf ("%s_%s", klass->table, column);
              g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM sqlite_schema "
                                                        "WHERE type = 'table' AND name = '%s'", table);

              g_assert_cmpint (dlb_test_query_int (path, count), ==, 1);
              g_free (column);
              continue;
            }
          g_ptr_array_add (expected, column);
        }
      if (kind != DLB_KIND_CASE)
        g_ptr_array_add (expected, g_strdup ("position"));
      else
        {
          /* The file's own identity, which no case carries into JSON, and
           * the checksum of the case. */
          g_ptr_array_add (expected, g_strdup ("identity"));
          g_ptr_array_add (expected, g_strdup ("checksum"));
          g_ptr_array_add (expected, g_strdup ("journal_checksum"));
        }

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (actual, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);

      g_assert_cmpuint (actual->len, ==, expected->len);
      for (guint i = 0; i < expected->len; i++)
        g_assert_true (g_ptr_array_find_with_equal_func (actual, expected->pdata[i], g_str_equal, NULL));
    }

  sqlite3_close (db);
}

static void
test_edits_persist (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "edits.deliberate");
  DlbCase *c = dlb_store_get_case (store);
  const char *path = dlb_store_get_path (store);
  g_autoptr(DlbStakeholder) police = dlb_stakeholder_new ("Chicago Police Department");
  g_autoptr(DlbCase) seen = NULL;
  g_auto (GValue) v = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  /* A scalar field. */
  g_assert_true (set_int (store, "aclu", DLB_STAKEHOLDER_POWER, 4, &error));
  g_assert_no_error (error);
  seen = reread (path);
  g_assert_cmpint (dlb_stakeholder_get_power (DLB_STAKEHOLDER (dlb_case_lookup (seen, "aclu"))), ==, 4);
  g_clear_object (&seen);

  /* A list field, and a field of the case itself. */
  g_value_init (&v, G_TYPE_STRV);
  g_value_set_boxed (&v, (const char *[]) { "markey", NULL });
  g_assert_true (dlb_case_set_field (c, dlb_case_lookup (c, "retention"), DLB_FINDING_SOURCES, &v, &error));
  g_assert_no_error (error);
  g_value_unset (&v);
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "A new title");
  g_assert_true (dlb_case_set_field (c, DLB_ENTITY (c), DLB_CASE_TITLE, &v, &error));
  g_assert_no_error (error);
  g_value_unset (&v);

  /* An insertion in the middle. */
  g_assert_true (dlb_case_insert (c, DLB_ENTITY (police), 1, &error));
  g_assert_no_error (error);

  seen = reread (path);
  assert_cases_equal (c, seen);
  g_assert_cmpstr (dlb_case_get_title (seen), ==, "A new title");
  g_clear_object (&seen);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT position FROM stakeholder WHERE name = 'ACLU of Illinois'"), ==, 2);

  /* A removal from the front closes the gap. */
  g_assert_true (dlb_case_remove (c, dlb_case_lookup (c, "mayor"), &error));
  g_assert_no_error (error);
  seen = reread (path);
  assert_cases_equal (c, seen);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM stakeholder"), ==, 2);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM stakeholder WHERE position NOT IN (0, 1)"), ==, 0);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT position FROM stakeholder WHERE id = 'aclu'"), ==, 1);
}

static void
test_cascade (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "cascade.deliberate");
  DlbCase *c = dlb_store_get_case (store);
  const char *path = dlb_store_get_path (store);
  g_autoptr(DlbCase) seen = NULL;
  g_autoptr(GError) error = NULL;

  /* Removing a criterion removes its scores and every reference to it. */
  g_assert_true (dlb_case_remove (c, dlb_case_lookup (c, "privacy"), &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_scores (c)), ==, 3);
  seen = reread (path);
  assert_cases_equal (c, seen);
  g_assert_null (dlb_finding_get_criterion (DLB_FINDING (dlb_case_lookup (seen, "retention"))));
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM score"), ==, 3);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT max(position) FROM score"), ==, 2);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM perspective_weights"), ==, 1);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM case_info_pairwise"), ==, 0);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM score_findings"), ==, 1);

  /* Removing an option clears the recommendation that named it. */
  g_assert_true (dlb_case_remove (c, dlb_case_lookup (c, "decline"), &error));
  g_assert_no_error (error);
  g_clear_object (&seen);
  seen = reread (path);
  assert_cases_equal (c, seen);
  g_assert_null (dlb_case_get_recommendation (seen));
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM score_findings"), ==, 0);
}

static void
test_journal (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "journal.deliberate");
  DlbCase *c = dlb_store_get_case (store);
  g_autoptr(GPtrArray) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autofree char *description = NULL;
  DlbJournalEntry *entry;
  guint n_scores = 0;

  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 3, &error));
  g_assert_no_error (error);
  g_assert_true (dlb_case_remove (c, dlb_case_lookup (c, "crime"), &error));
  g_assert_no_error (error);

  journal = dlb_store_get_journal (store, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (journal);

  /* Oldest last: the power change, then the removal's steps. */
  entry = g_ptr_array_index (journal, journal->len - 1);
  g_assert_cmpstr (dlb_journal_entry_get_action (entry), ==, "update");
  g_assert_cmpstr (dlb_journal_entry_get_kind (entry), ==, "stakeholder");
  g_assert_cmpstr (dlb_journal_entry_get_entity_id (entry), ==, "mayor");
  g_assert_cmpstr (dlb_journal_entry_get_field (entry), ==, "power");
  g_assert_cmpstr (dlb_journal_entry_get_before (entry), ==, "5");
  g_assert_cmpstr (dlb_journal_entry_get_after (entry), ==, "3");
  g_assert_cmpint (g_date_time_compare (dlb_journal_entry_get_time (entry), before), >=, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (dlb_journal_entry_get_time (entry)), ==, 0);
  description = dlb_journal_entry_dup_description (entry);
  g_assert_cmpstr (description, ==, "Power of Mayor Lori Lightfoot: 5 → 3");

  /* The removal: one group, with the references cleared and the scores gone. */
  for (guint i = 0; i + 1 < journal->len; i++)
    {
      DlbJournalEntry *step = g_ptr_array_index (journal, i);

      g_assert_cmpint (dlb_journal_entry_get_group (step), ==,
                       dlb_journal_entry_get_group (entry) + 1);
      if (g_str_equal (dlb_journal_entry_get_kind (step), "score"))
        {
          g_assert_cmpstr (dlb_journal_entry_get_action (step), ==, "remove");
          g_assert_nonnull (dlb_journal_entry_get_before (step));
          /* Named after its option and criterion, though the criterion went first. */
          g_assert_true (g_str_has_suffix (dlb_journal_entry_get_entity_name (step), " × Crime reduction"));
          n_scores++;
        }
    }
  g_assert_cmpuint (n_scores, ==, 3);
  g_assert_cmpint (dlb_test_query_int (dlb_store_get_path (store),
                              "SELECT count(*) FROM journal WHERE action = 'update' AND field = 'criterion'"),
                   ==, 1);

  g_clear_pointer (&journal, g_ptr_array_unref);
  journal = dlb_store_get_journal (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (journal->len, ==, 2);
}

static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "undo.deliberate");
  DlbCase *c = dlb_store_get_case (store);
  g_autofree char *path = g_strdup (dlb_store_get_path (store));
  g_autoptr(DlbCase) start = reread (path);
  g_autoptr(DlbCase) after_edits = NULL;
  g_autoptr(DlbCase) seen = NULL;
  g_autoptr(DlbSource) tribune = dlb_source_new ("Chicago Tribune survey");
  g_autoptr(GError) error = NULL;

  g_assert_false (dlb_store_can_undo (store));
  g_assert_false (dlb_store_can_redo (store));
  g_assert_false (dlb_store_undo (store, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_STANCE, 1, NULL));
  g_assert_true (dlb_case_insert (c, DLB_ENTITY (tribune), 0, NULL));
  g_assert_true (dlb_case_remove (c, dlb_case_lookup (c, "privacy"), NULL));
  {
    g_auto (GValue) v = G_VALUE_INIT;

    /* Values come back exactly, not rounded. */
    g_value_init (&v, G_TYPE_DOUBLE);
    g_value_set_double (&v, 1.0 / 3.0);
    g_assert_true (dlb_case_set_field (c, dlb_case_lookup (c, "crime"), DLB_CRITERION_WEIGHT, &v, NULL));
  }
  g_assert_true (dlb_store_can_undo (store));
  after_edits = reread (path);

  /* Undo all four, newest first; the file follows each step. */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (dlb_store_undo (store, &error));
      g_assert_no_error (error);
      g_assert_true (dlb_store_can_redo (store));
    }
  g_assert_false (dlb_store_can_undo (store));
  assert_cases_equal (start, c);
  seen = reread (path);
  assert_cases_equal (start, seen);
  g_clear_object (&seen);

  /* Redo all four. */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (dlb_store_redo (store, &error));
      g_assert_no_error (error);
    }
  g_assert_false (dlb_store_can_redo (store));
  assert_cases_equal (after_edits, c);
  seen = reread (path);
  assert_cases_equal (after_edits, seen);
  g_clear_object (&seen);

  /* A new edit takes the redo away. */
  g_assert_true (dlb_store_undo (store, NULL));
  g_assert_true (dlb_store_undo (store, NULL));
  g_assert_true (dlb_store_can_redo (store));
  g_assert_true (set_int (store, "aclu", DLB_STAKEHOLDER_INTEREST, 2, NULL));
  g_assert_false (dlb_store_can_redo (store));
  g_assert_false (dlb_store_redo (store, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The history lives in the file: after reopening, undo goes on. */
  dlb_store_close (store);
  g_clear_object (&store);
  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  c = dlb_store_get_case (store);
  g_assert_true (dlb_store_can_undo (store));
  g_assert_true (dlb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlb_stakeholder_get_interest (DLB_STAKEHOLDER (dlb_case_lookup (c, "aclu"))), ==, 5);
  g_assert_true (dlb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_null (dlb_case_lookup (c, dlb_entity_get_id (DLB_ENTITY (tribune))));
  g_assert_true (dlb_store_undo (store, &error));
  g_assert_no_error (error);
  assert_cases_equal (start, c);

  /* Undo and redo are in the audit trail too. */
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(DISTINCT group_id) FROM journal WHERE kind = 'undo'"), ==, 9);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(DISTINCT group_id) FROM journal WHERE kind = 'redo'"), ==, 4);
}

static void
notify_count (guint *counter)
{
  (*counter)++;
}

static void
test_undo_notifies (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "notify.deliberate");
  guint undo_changes = 0, redo_changes = 0;

  g_signal_connect_swapped (store, "notify::can-undo", G_CALLBACK (notify_count), &undo_changes);
  g_signal_connect_swapped (store, "notify::can-redo", G_CALLBACK (notify_count), &redo_changes);

  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 2, NULL));
  g_assert_cmpuint (undo_changes, ==, 1);
  g_assert_true (dlb_store_undo (store, NULL));
  g_assert_cmpuint (undo_changes, ==, 2);
  g_assert_cmpuint (redo_changes, ==, 1);
  g_assert_true (dlb_store_redo (store, NULL));
  g_assert_cmpuint (redo_changes, ==, 2);
}

static void
test_failure_rolls_back (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "fail.deliberate");
  g_autoptr(DlbCase) original = make_full_case ();
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(DlbStakeholder) extra = dlb_stakeholder_new ("Block club");
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;
  DlbCase *c;
  sqlite3 *db;

  g_assert_true (dlb_store_write_case (original, path, NULL));
  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  c = dlb_store_get_case (store);

  /* A file that refuses some changes, as a full disk would. (A file that
   * came with triggers of its own would not open.) */
  db = dlb_test_open_raw (path);
  dlb_test_exec_raw (db, "CREATE TRIGGER refuse_power BEFORE UPDATE OF power ON stakeholder "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END;"
                "CREATE TRIGGER refuse_score AFTER DELETE ON score "
                "WHEN old.id = 'decline/crime' BEGIN SELECT RAISE(ABORT, 'refused'); END;"
                "CREATE TRIGGER refuse_insert BEFORE INSERT ON stakeholder "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END;");
  sqlite3_close (db);
  _dlb_store_allow_file_triggers (store);
  hash = file_hash (path);

  g_assert_false (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 1, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Could not change stakeholder"));
  g_clear_error (&error);
  g_assert_cmpint (dlb_stakeholder_get_power (DLB_STAKEHOLDER (dlb_case_lookup (c, "mayor"))), ==, 5);

  g_assert_false (dlb_case_insert (c, DLB_ENTITY (extra), 0, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Could not add stakeholder"));
  g_clear_error (&error);

  /* A removal fails part way through its cascade: all of it is undone. */
  g_assert_false (dlb_case_remove (c, dlb_case_lookup (c, "crime"), &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  assert_cases_equal (original, c);
  hash_after = file_hash (path);
  g_assert_cmpstr (hash, ==, hash_after);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM journal"), ==, 0);
  g_assert_false (dlb_store_can_undo (store));

  /* Other edits still go through. */
  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_STANCE, 0, &error));
  g_assert_no_error (error);
}

static void
test_undo_failure_rolls_back (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "undo-fail.deliberate");
  DlbCase *c = dlb_store_get_case (store);
  const char *path = dlb_store_get_path (store);
  g_autoptr(DlbCase) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;
  sqlite3 *db;

  g_assert_true (dlb_case_remove (c, dlb_case_lookup (c, "privacy"), NULL));
  removed = reread (path);

  /* Putting the scores back fails half way: neither file nor model move. */
  db = dlb_test_open_raw (path);
  dlb_test_exec_raw (db, "CREATE TRIGGER refuse_score BEFORE INSERT ON score "
                "WHEN new.id = 'decline/privacy' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
  sqlite3_close (db);
  _dlb_store_allow_file_triggers (store);
  hash = file_hash (path);

  g_assert_false (dlb_store_undo (store, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  assert_cases_equal (removed, c);
  hash_after = file_hash (path);
  g_assert_cmpstr (hash, ==, hash_after);
  g_assert_true (dlb_store_can_undo (store));
  g_assert_false (dlb_store_can_redo (store));
}

/* Builds a version-1 file as the first release wrote it. */
static void
write_version_1 (const char *path)
{
  sqlite3 *db = dlb_test_open_raw (path);
  char *message = NULL;

  g_assert_cmpint (dlb_schema_migrate (db, 0, 1, NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_null (message);
  dlb_test_exec_raw (db,
            "INSERT INTO case_info (id, title, question, paper_size, recommendation) "
            "VALUES ('case', 'Old case', 'Partner?', 'letter', 'no');"
            "INSERT INTO stakeholder (id, position, name, \"group\", power, interest, stance, consulted) "
            "VALUES ('cpd', 0, 'CPD', 'police', 5, 4, 1, 1);"
            "INSERT INTO criterion (id, position, name, weight, minimum) "
            "VALUES ('privacy', 0, 'Privacy', 30, 3), ('cost', 1, 'Cost', 10, NULL);"
            "INSERT INTO option (id, position, name) VALUES ('yes', 0, 'Yes'), ('no', 1, 'No');"
            "INSERT INTO score (id, position, option, criterion, value, low, high, rationale) "
            "VALUES ('yes/privacy', 0, 'yes', 'privacy', 2, 1, 3, 'Weak');"
            "INSERT INTO perspective (id, position, name, stakeholder) VALUES ('p', 0, 'Police', 'cpd');"
            "INSERT INTO perspective_weights (owner, position, target, weight) "
            "VALUES ('p', 0, 'cost', 50), ('p', 1, 'privacy', 5);");
  sqlite3_close (db);
}

static void
test_migrate (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "v1.deliberate");
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;
  g_autoptr(GVariant) expected = NULL;
  DlbCriterion *privacy;
  GVariant *weights;
  DlbCase *c;

  write_version_1 (path);
  g_assert_cmpint (dlb_test_query_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM pragma_table_info('criterion') "
                                    "WHERE name = 'swing'"), ==, 0);

  /* Read-only, an old file is read as it is and left alone. */
  hash = file_hash (path);
  store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlb_case_get_title (dlb_store_get_case (store)), ==, "Old case");
  g_assert_null (dlb_store_get_identity (store));
  g_clear_object (&store);
  hash_after = file_hash (path);
  g_assert_cmpstr (hash, ==, hash_after);

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlb_test_query_int (path, "PRAGMA user_version"), ==, DLB_SCHEMA_VERSION);
  g_assert_cmpint (dlb_test_query_int (path, "PRAGMA application_id"), ==, DLB_SCHEMA_APPLICATION_ID);
  /* Version 3 keeps the words of grouped edits in the journal. */
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM pragma_table_info('journal') "
                                    "WHERE name = 'description'"), ==, 1);

  /* Version 6 gives the file its identity. */
  g_assert_cmpuint (strlen (dlb_store_get_identity (store)), ==, 32);

  /* The data is intact and the new fields have their defaults. */
  c = dlb_store_get_case (store);
  g_assert_cmpstr (dlb_case_get_title (c), ==, "Old case");
  g_assert_cmpstr (dlb_case_get_recommendation (c), ==, "no");
  g_assert_cmpint (dlb_case_get_paper_size (c), ==, DLB_PAPER_LETTER);
  g_assert_cmpint (dlb_case_get_weighting (c), ==, DLB_WEIGHTING_DIRECT);
  g_assert_true (dlb_case_get_pairwise (c) == NULL || g_variant_n_children (dlb_case_get_pairwise (c)) == 0);
  privacy = DLB_CRITERION (dlb_case_lookup (c, "privacy"));
  g_assert_cmpfloat (dlb_criterion_get_weight (privacy), ==, 30.0);
  g_assert_cmpfloat (dlb_criterion_get_minimum (privacy), ==, 3.0);
  g_assert_false (dlb_criterion_has_minimum (DLB_CRITERION (dlb_case_lookup (c, "cost"))));
  g_assert_cmpint (dlb_criterion_get_rank (privacy), ==, 0);
  g_assert_cmpfloat (dlb_criterion_get_swing (privacy), ==, 100.0);
  g_assert_cmpint (dlb_stakeholder_get_group (DLB_STAKEHOLDER (dlb_case_lookup (c, "cpd"))), ==, DLB_GROUP_POLICE);
  g_assert_true (dlb_stakeholder_get_consulted (DLB_STAKEHOLDER (dlb_case_lookup (c, "cpd"))));
  g_assert_cmpstr (dlb_score_get_rationale (dlb_case_get_score (c, "yes", "privacy")), ==, "Weak");
  weights = dlb_perspective_get_weights (DLB_PERSPECTIVE (dlb_case_lookup (c, "p")));
  g_assert_nonnull (weights);
  expected = g_variant_ref_sink (g_variant_new_parsed ("{'cost': 50.0, 'privacy': 5.0}"));
  g_assert_true (g_variant_equal (weights, expected));

  /* The new fields can be edited straight away. */
  {
    g_auto (GValue) v = G_VALUE_INIT;

    g_value_init (&v, G_TYPE_DOUBLE);
    g_value_set_double (&v, 60.0);
    g_assert_true (dlb_case_set_field (c, DLB_ENTITY (privacy), DLB_CRITERION_SWING, &v, &error));
    g_assert_no_error (error);
    g_assert_cmpint (dlb_test_query_int (path, "SELECT swing FROM criterion WHERE id = 'privacy'"), ==, 60);
  }
}

/* A file from before the memo could print the case's notes keeps its
 * other memo setting and gets the new one off, ready to be changed. */
static void
test_migrate_memo_notes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "v4.deliberate");
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto (GValue) v = G_VALUE_INIT;
  char *message = NULL;
  sqlite3 *db = dlb_test_open_raw (path);
  DlbCase *c;

  g_assert_cmpint (dlb_schema_migrate (db, 0, 4, NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_null (message);
  dlb_test_exec_raw (db, "INSERT INTO case_info (id, title, notes, memo_history) "
                "VALUES ('case', 'Old case', 'The weights are estimates.', 1);");
  sqlite3_close (db);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM pragma_table_info('case_info') "
                                    "WHERE name = 'memo_notes'"), ==, 0);

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlb_test_query_int (path, "PRAGMA user_version"), ==, DLB_SCHEMA_VERSION);
  c = dlb_store_get_case (store);
  g_assert_true (dlb_case_get_memo_history (c));
  g_assert_false (dlb_case_get_memo_notes (c));
  g_assert_cmpstr (dlb_case_get_notes (c), ==, "The weights are estimates.");

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, TRUE);
  g_assert_true (dlb_case_set_field (c, DLB_ENTITY (c), DLB_CASE_MEMO_NOTES, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT memo_notes FROM case_info"), ==, 1);
  g_assert_true (dlb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT memo_notes FROM case_info"), ==, 0);
}

static void
test_migrate_failure (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "v1-blocked.deliberate");
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbStore) store = NULL;
  sqlite3 *db;

  /* A table in the way of step 2 is not a version-1 file: refused before
   * any step runs. */
  write_version_1 (path);
  db = dlb_test_open_raw (path);
  dlb_test_exec_raw (db, "CREATE TABLE case_info_pairwise (x);");
  sqlite3_close (db);
  hash = file_hash (path);

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "table “case_info_pairwise”"));
  g_clear_error (&error);
  g_assert_cmpint (dlb_test_query_int (path, "PRAGMA user_version"), ==, 1);
  hash_after = file_hash (path);
  g_assert_cmpstr (hash, ==, hash_after);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);

  /* Rows out of order make the step that reads the case for its checksum
   * fail: that step is rolled back as a whole, the ones before it stay. */
  g_unlink (path);
  write_version_1 (path);
  db = dlb_test_open_raw (path);
  dlb_test_exec_raw (db, "UPDATE stakeholder SET position = 5");
  sqlite3_close (db);

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID);
  g_assert_cmpint (dlb_test_query_int (path, "PRAGMA user_version"), ==, 6);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM pragma_table_info('case_info') "
                                    "WHERE name = 'checksum'"), ==, 0);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

static void
assert_open_fails (const char *path,
                   int         code,
                   const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbStore) store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, DLB_STORE_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static void
test_refuse_missing_empty_text (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *missing = fixture_path (fixture, "missing.deliberate");
  g_autofree char *empty = fixture_path (fixture, "empty.deliberate");
  g_autofree char *text = g_build_filename (TEST_DATA_DIR, "store-text.deliberate", NULL);

  assert_open_fails (missing, DLB_STORE_ERROR_NOT_FOUND, "does not exist");

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_open_fails (empty, DLB_STORE_ERROR_NOT_A_CASE, "empty");
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (empty, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, 0);
  }

  assert_open_fails (text, DLB_STORE_ERROR_NOT_A_CASE, "not a Deliberate case file");
}

static void
test_refuse_other_database (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *other = fixture_path (fixture, "other.deliberate");
  g_autofree char *plain = fixture_path (fixture, "plain.deliberate");
  sqlite3 *db;

  /* Another application's file, with its own id. */
  db = dlb_test_open_raw (other);
  dlb_test_exec_raw (db, "PRAGMA application_id = 1234; CREATE TABLE notes (body TEXT);");
  sqlite3_close (db);
  assert_open_fails (other, DLB_STORE_ERROR_NOT_A_CASE, "another application");

  /* A database with no id and tables of its own. */
  db = dlb_test_open_raw (plain);
  dlb_test_exec_raw (db, "CREATE TABLE moz_places (url TEXT); INSERT INTO moz_places VALUES ('x');");
  sqlite3_close (db);
  assert_open_fails (plain, DLB_STORE_ERROR_NOT_A_CASE, NULL);
}

static void
test_refuse_too_new (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "new.deliberate");
  g_autoptr(DlbCase) c = make_full_case ();
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbStore) store = NULL;
  sqlite3 *db;

  g_assert_true (dlb_store_write_case (c, path, NULL));
  db = dlb_test_open_raw (path);
  dlb_test_exec_raw (db, "PRAGMA user_version = 99;");
  sqlite3_close (db);
  hash = file_hash (path);

  assert_open_fails (path, DLB_STORE_ERROR_TOO_NEW,
                     "made by a newer version of Deliberate; update Deliberate to open it");
  store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_TOO_NEW);
  g_assert_null (store);

  hash_after = file_hash (path);
  g_assert_cmpstr (hash, ==, hash_after);
}

static void
test_refuse_invalid_rows (Fixture       *fixture,
                          gconstpointer  data)
{
  const struct {
    const char *sql;
    const char *fragment;
  } cases[] = {
    { "UPDATE stakeholder SET power = 9 WHERE id = 'mayor'", "“stakeholder”, row “mayor”: power: expected 1–5, got 9" },
    { "UPDATE stakeholder SET \"group\" = 'aliens' WHERE id = 'aclu'", "row “aclu”: group" },
    { "UPDATE finding SET criterion = 'nowhere'", "row “retention”" },
    { "UPDATE source SET label = '' WHERE id = 'ring'", "row “ring”" },
    { "UPDATE option SET position = 7 WHERE id = 'decline'", "“option”" },
    { "UPDATE score SET value = 'high' WHERE id = 'enter/crime'", "row “enter/crime”: value" },
    { "DELETE FROM case_info", "case_info" },
    { "INSERT INTO option_resolves VALUES ('enter', 0, 'ghost')", "row “enter”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("invalid-%u.deliberate", i);
      g_autofree char *path = fixture_path (fixture, name);
      g_autoptr(DlbCase) c = make_full_case ();
      sqlite3 *db;

      g_assert_true (dlb_store_write_case (c, path, NULL));
      /* What another program might write, past the file's own checks. */
      db = dlb_test_open_raw (path);
      dlb_test_exec_raw (db, "PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;");
      dlb_test_exec_raw (db, cases[i].sql);
      sqlite3_close (db);

      assert_open_fails (path, DLB_STORE_ERROR_INVALID, cases[i].fragment);
    }
}

static void
test_refuse_corrupt (Fixture       *fixture,
                     gconstpointer  data)
{
  /* Scribble over every page after the first (the header still says
   * "SQLite", the schema no longer makes sense), or over the rows of the
   * case's table pages only, found by reading the file. */
  for (guint variant = 0; variant < 2; variant++)
    {
      g_autofree char *name = g_strdup_printf ("corrupt-%u.deliberate", variant);
      g_autofree char *path = fixture_path (fixture, name);
      g_autoptr(DlbCase) c = make_full_case ();
      g_autoptr(GError) error = NULL;
      g_autoptr(DlbStore) store = NULL;
      g_autofree char *bytes = NULL;
      gsize length;
      gsize from = 4096, to;

      g_assert_true (dlb_store_write_case (c, path, NULL));
      g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
      g_assert_cmpuint (length, >, 8192);
      to = length;

      if (variant == 1)
        {
          gint64 page = dlb_test_query_int (path, "SELECT rootpage FROM sqlite_schema WHERE name = 'stakeholder'");

          from = (gsize) (page - 1) * 4096;
          to = from + 4096;
        }

      for (gsize i = from; i < to; i++)
        bytes[i] = (char) (i * 7 + 13);
      g_assert_true (g_file_set_contents (path, bytes, length, NULL));

      store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
      g_assert_null (store);
      g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "damaged"));
    }

  /* Our mark, but a table gone. */
  {
    g_autofree char *path = fixture_path (fixture, "corrupt-schema.deliberate");
    g_autoptr(DlbCase) c = make_full_case ();
    g_autoptr(GError) error = NULL;
    g_autoptr(DlbStore) store = NULL;
    sqlite3 *db;

    g_assert_true (dlb_store_write_case (c, path, NULL));
    db = dlb_test_open_raw (path);
    dlb_test_exec_raw (db, "PRAGMA foreign_keys = OFF; DROP TABLE source;");
    sqlite3_close (db);

    store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
    g_assert_null (store);
    g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_CORRUPT);
  }
}

static void
test_lock (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DlbStore) first = create_store (fixture, "locked.deliberate");
  const char *path = dlb_store_get_path (first);
  g_autoptr(DlbStore) second = NULL;
  g_autoptr(DlbStore) reader = NULL;
  g_autoptr(DlbCase) c = make_full_case ();
  g_autoptr(GError) error = NULL;

  second = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_null (second);
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "is open for editing in another window or program"));
  g_clear_error (&error);

  /* Nor can the file be replaced under the window that has it. */
  g_assert_false (dlb_store_write_case (c, path, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE);
  g_clear_error (&error);

  reader = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (dlb_store_get_read_only (reader));

  dlb_store_close (first);
  second = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "ro.deliberate");
  g_autoptr(DlbCase) original = make_full_case ();
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;

  g_assert_true (dlb_store_write_case (original, path, NULL));
  hash = file_hash (path);

  store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (dlb_store_get_read_only (store));
  g_assert_true (dlb_case_get_read_only (dlb_store_get_case (store)));

  g_assert_false (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 1, &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (dlb_store_undo (store, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  assert_cases_equal (original, dlb_store_get_case (store));

  dlb_store_close (store);
  hash_after = file_hash (path);
  g_assert_cmpstr (hash, ==, hash_after);
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *sub = fixture_path (fixture, "locked-folder");
  g_autofree char *path = g_build_filename (sub, "case.deliberate", NULL);
  g_autoptr(DlbCase) original = make_full_case ();
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (dlb_store_write_case (original, path, NULL));
  g_assert_cmpint (g_chmod (sub, 0500), ==, 0);

  if (access (sub, W_OK) == 0)
    {
      g_chmod (sub, 0700);
      g_test_skip ("permissions are not enforced for this user");
      return;
    }

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (dlb_store_get_read_only (store));
  g_assert_false (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 1, &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_READ_ONLY);
  g_chmod (sub, 0700);
}

static void
test_save_copy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "source.deliberate");
  g_autofree char *copy_path = fixture_path (fixture, "copy.deliberate");
  g_autofree char *nowhere = fixture_path (fixture, "no-such-folder/copy.deliberate");
  g_autoptr(DlbStore) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 2, NULL));

  g_assert_true (dlb_store_save_copy (store, copy_path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (fixture->dir), ==, 2);

  copy = dlb_store_open (copy_path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  assert_cases_equal (dlb_store_get_case (store), dlb_store_get_case (copy));
  /* The copy carries the history. */
  g_assert_true (dlb_store_can_undo (copy));

  /* Not over itself, nor over a file open for writing, nor into nowhere. */
  g_assert_false (dlb_store_save_copy (store, dlb_store_get_path (store), &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_false (dlb_store_save_copy (store, copy_path, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_false (dlb_store_save_copy (store, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (count_files (fixture->dir), ==, 2);
}

static void
test_write_case_failures (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "target.deliberate");
  g_autofree char *nowhere = fixture_path (fixture, "no-such-folder/case.deliberate");
  g_autoptr(DlbCase) good = make_full_case ();
  g_autoptr(DlbCase) bad = make_full_case ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;

  g_assert_true (dlb_store_write_case (good, path, NULL));
  hash = file_hash (path);

  /* A case the model would not accept is not written, and the target stays. */
  _dlb_entity_set_string (DLB_ENTITY (bad), DLB_CASE_TITLE, "");
  g_assert_false (dlb_store_write_case (bad, path, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  hash_after = file_hash (path);
  g_assert_cmpstr (hash, ==, hash_after);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);

  g_assert_false (dlb_store_write_case (good, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

static void
test_open_leaves_file_unchanged (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "same.deliberate");
  g_autofree char *path = g_strdup (dlb_store_get_path (store));
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;
  GStatBuf before, after;

  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 2, NULL));
  g_clear_object (&store);

  hash = file_hash (path);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  for (guint flags = 0; flags < 2; flags++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) journal = NULL;

      store = dlb_store_open (path, flags, &error);
      g_assert_no_error (error);
      journal = dlb_store_get_journal (store, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (journal->len, ==, 1);
      g_assert_true (dlb_store_can_undo (store) == (flags == 0));
      dlb_store_close (store);
      g_clear_object (&store);
    }

  hash_after = file_hash (path);
  g_assert_cmpstr (hash, ==, hash_after);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  /* The default rollback journal, and nothing left beside the file. */
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "busy.deliberate");
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  /* Another program holds a write transaction on the file. */
  db = dlb_test_open_raw (dlb_store_get_path (store));
  dlb_test_exec_raw (db, "BEGIN IMMEDIATE");
  hash = file_hash (dlb_store_get_path (store));

  g_assert_false (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 1, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE);
  g_assert_true (g_str_has_prefix (error->message, "Could not change stakeholder: "));
  g_clear_error (&error);
  g_assert_cmpint (dlb_stakeholder_get_power (DLB_STAKEHOLDER (dlb_case_lookup (dlb_store_get_case (store), "mayor"))),
                   ==, 5);
  hash_after = file_hash (dlb_store_get_path (store));
  g_assert_cmpstr (hash, ==, hash_after);

  dlb_test_exec_raw (db, "ROLLBACK");
  sqlite3_close (db);

  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 1, &error));
  g_assert_no_error (error);
}

static void
test_error_messages (void)
{
  const struct {
    int rc;
    int code;
    const char *message;
  } cases[] = {
    { SQLITE_FULL, DLB_STORE_ERROR_DISK_FULL,
      "Could not add stakeholder: the disk is full. Free some space and try again." },
    { SQLITE_IOERR_WRITE, DLB_STORE_ERROR_IO,
      "Could not add stakeholder: the disk could not be read or written. Check the drive and try again." },
    { SQLITE_READONLY, DLB_STORE_ERROR_READ_ONLY, NULL },
    { SQLITE_BUSY, DLB_STORE_ERROR_IN_USE, NULL },
    { SQLITE_LOCKED, DLB_STORE_ERROR_IN_USE, NULL },
    { SQLITE_CANTOPEN, DLB_STORE_ERROR_IO, NULL },
    { SQLITE_CORRUPT, DLB_STORE_ERROR_CORRUPT, NULL },
    { SQLITE_NOTADB, DLB_STORE_ERROR_NOT_A_CASE, NULL },
    { SQLITE_CONSTRAINT_CHECK, DLB_STORE_ERROR_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (_dlb_store_set_sqlite_error (&error, cases[i].rc, NULL, "Could not add stakeholder"));
      g_assert_error (error, DLB_STORE_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, "Could not add stakeholder: "));
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_journal_descriptions (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const struct {
    const char *edit, *action, *kind, *name, *field, *before, *after, *expected;
  } cases[] = {
    { "edit", "update", "criterion", "Racial equity", "weight", "15.0", "25.0",
      "Weight of Racial equity: 15 → 25" },
    { "edit", "update", "stakeholder", "ACLU", "consulted", "false", "true",
      "Consulted of ACLU: no → yes" },
    { "edit", "update", "finding", "Retention", "status", "\"open\"", "\"condition-required\"",
      "Status of Retention: open → condition required" },
    { "edit", "update", "stakeholder", "ACLU", "concern", "\"a\"", "\"b\"",
      "Changed concern of ACLU" },
    { "edit", "update", "criterion", "Privacy", "minimum", "null", "4.0",
      "Minimum score of Privacy: not set → 4" },
    { "edit", "update", "stakeholder", "ACLU", "consultation-note", "\"\"", "\"Met\"",
      "Changed consultation note of ACLU" },
    { "edit", "insert", "stakeholder", "Mayor", NULL, NULL, "{}", "Added stakeholder “Mayor”" },
    /* Undoing an addition removes; the words name what was undone. */
    { "undo", "remove", "source", "Tribune", NULL, "{}", NULL, "Undid: added source “Tribune”" },
    { "undo", "insert", "stakeholder", "Local media", NULL, NULL, "{}",
      "Undid: removed stakeholder “Local media”" },
    { "undo", "update", "criterion", "Racial equity", "weight", "25.0", "15.0",
      "Undid: weight of Racial equity: 15 → 25" },
    { "redo", "insert", "stakeholder", "Local media", NULL, NULL, "{}",
      "Redid: added stakeholder “Local media”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DlbJournalEntry) entry = dlb_journal_entry_new (1, cases[i].edit, now, cases[i].action,
                                                                cases[i].kind, "id", cases[i].name,
                                                                cases[i].field, cases[i].before,
                                                                cases[i].after);
      g_autofree char *description = dlb_journal_entry_dup_description (entry);

      g_assert_cmpstr (description, ==, cases[i].expected);
    }
}

static void
count_change (guint *counter)
{
  (*counter)++;
}

static int
power_of (DlbCase    *c,
          const char *id)
{
  return dlb_stakeholder_get_power (DLB_STAKEHOLDER (dlb_case_lookup (c, id)));
}

static void
assert_group_applied (DlbCase  *c,
                      gboolean  applied)
{
  DlbEntity *block = dlb_case_lookup (c, "block");

  g_assert_cmpint (power_of (c, "mayor"), ==, applied ? 2 : 5);
  g_assert_cmpint (power_of (c, "aclu"), ==, applied ? 3 : 1);
  g_assert_cmpint (dlb_stakeholder_get_stance (DLB_STAKEHOLDER (dlb_case_lookup (c, "mayor"))),
                   ==, applied ? 1 : -2);
  if (applied)
    {
      g_assert_nonnull (block);
      g_assert_cmpint (dlb_stakeholder_get_power (DLB_STAKEHOLDER (block)), ==, 4);
    }
  else
    g_assert_null (block);
}

/* Four changes, one of them to a stakeholder added in the same gesture. */
static void
make_group (DlbStore *store)
{
  DlbCase *c = dlb_store_get_case (store);
  g_autoptr(DlbStakeholder) block = g_object_new (DLB_TYPE_STAKEHOLDER, "id", "block",
                                                  "name", "Block club", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (dlb_case_begin_group (c, "Rate stakeholders", &error));
  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 2, &error));
  g_assert_true (set_int (store, "aclu", DLB_STAKEHOLDER_POWER, 3, &error));
  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_STANCE, 1, &error));
  g_assert_true (dlb_case_insert (c, DLB_ENTITY (block), -1, &error));
  g_assert_true (set_int (store, "block", DLB_STAKEHOLDER_POWER, 4, &error));
  g_assert_no_error (error);
  g_assert_true (dlb_case_commit_group (c, &error));
  g_assert_no_error (error);
}

static void
test_group (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "group.deliberate");
  g_autofree char *path = g_strdup (dlb_store_get_path (store));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) seen = NULL;
  g_autofree char *description = NULL;
  guint changes = 0;
  DlbCase *c = dlb_store_get_case (store);

  g_signal_connect_swapped (c, "changed", G_CALLBACK (count_change), &changes);
  make_group (store);

  g_assert_cmpuint (changes, ==, 1);
  assert_group_applied (c, TRUE);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(DISTINCT group_id) FROM journal"), ==, 1);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM journal"), ==, 5);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM journal "
                                    "WHERE description = 'Rate stakeholders'"), ==, 5);
  description = dlb_store_dup_undo_description (store);
  g_assert_cmpstr (description, ==, "Rate stakeholders");
  g_clear_pointer (&description, g_free);
  seen = reread (path);
  assert_group_applied (seen, TRUE);
  g_clear_object (&seen);

  /* One Undo takes all of it back, and the views hear of it once. */
  g_assert_true (dlb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 2);
  assert_group_applied (c, FALSE);
  g_assert_false (dlb_store_can_undo (store));
  seen = reread (path);
  assert_group_applied (seen, FALSE);
  g_clear_object (&seen);

  g_assert_true (dlb_store_redo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 3);
  assert_group_applied (c, TRUE);
  g_assert_false (dlb_store_can_redo (store));

  /* Undo still knows the gesture after the file is closed and reopened. */
  dlb_store_close (store);
  g_clear_object (&store);
  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  c = dlb_store_get_case (store);
  assert_group_applied (c, TRUE);
  description = dlb_store_dup_undo_description (store);
  g_assert_cmpstr (description, ==, "Rate stakeholders");
  g_clear_pointer (&description, g_free);

  g_assert_true (dlb_store_undo (store, &error));
  g_assert_no_error (error);
  assert_group_applied (c, FALSE);
  g_assert_false (dlb_store_can_undo (store));
  g_assert_null (dlb_store_dup_undo_description (store));
  description = dlb_store_dup_redo_description (store);
  g_assert_cmpstr (description, ==, "Rate stakeholders");
  g_clear_pointer (&description, g_free);
  g_assert_true (dlb_store_redo (store, &error));
  g_assert_no_error (error);
  assert_group_applied (c, TRUE);

  dlb_store_close (store);
  g_clear_object (&store);
  seen = reread (path);
  assert_group_applied (seen, TRUE);
}

static void
test_group_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "cancel.deliberate");
  g_autoptr(DlbCase) original = make_full_case ();
  g_autoptr(DlbCase) seen = NULL;
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *hash_after = NULL;
  guint changes = 0;
  DlbCase *c;
  sqlite3 *db;

  g_assert_true (dlb_store_write_case (original, path, NULL));
  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  c = dlb_store_get_case (store);

  /* A file that refuses one of the changes, as a full disk would. */
  db = dlb_test_open_raw (path);
  dlb_test_exec_raw (db, "CREATE TRIGGER refuse_stance BEFORE UPDATE OF stance ON stakeholder "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END;");
  sqlite3_close (db);
  _dlb_store_allow_file_triggers (store);
  g_signal_connect_swapped (c, "changed", G_CALLBACK (count_change), &changes);
  hash = file_hash (path);

  g_assert_true (dlb_case_begin_group (c, "Rate stakeholders", &error));
  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 2, &error));
  g_assert_no_error (error);
  g_assert_false (set_int (store, "mayor", DLB_STAKEHOLDER_STANCE, 1, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Could not save “Rate stakeholders”"));
  g_clear_error (&error);
  dlb_case_cancel_group (c);

  g_assert_cmpuint (changes, ==, 0);
  assert_cases_equal (original, c);
  hash_after = file_hash (path);
  g_assert_cmpstr (hash, ==, hash_after);
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM journal"), ==, 0);
  g_assert_false (dlb_store_can_undo (store));

  dlb_store_close (store);
  db = dlb_test_open_raw (path);
  dlb_test_exec_raw (db, "DROP TRIGGER refuse_stance");
  sqlite3_close (db);
  seen = reread (path);
  assert_cases_equal (original, seen);
}

static void
test_edit_reaches_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "reach.deliberate");
  g_autofree char *path = g_strdup (dlb_store_get_path (store));
  g_autoptr(GPtrArray) journal = NULL;
  g_autoptr(GError) error = NULL;
  DlbJournalEntry *newest;

  g_assert_true (set_int (store, "aclu", DLB_STAKEHOLDER_INTEREST, 2, &error));
  g_assert_no_error (error);

  journal = dlb_store_get_journal (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (journal->len, ==, 1);
  newest = g_ptr_array_index (journal, 0);
  g_assert_cmpstr (dlb_journal_entry_get_action (newest), ==, "update");
  g_assert_cmpstr (dlb_journal_entry_get_entity_id (newest), ==, "aclu");
  g_assert_cmpstr (dlb_journal_entry_get_field (newest), ==, "interest");
  g_assert_cmpstr (dlb_journal_entry_get_before (newest), ==, "5");
  g_assert_cmpstr (dlb_journal_entry_get_after (newest), ==, "2");
  g_assert_null (dlb_store_dup_undo_description (store));

  dlb_store_close (store);
  g_clear_object (&store);
  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlb_stakeholder_get_interest (DLB_STAKEHOLDER (dlb_case_lookup (dlb_store_get_case (store), "aclu"))),
                   ==, 2);
}

/* Every case file is given an identity when it is first written; edits,
 * reopening and Save a Copy keep it, another file has its own. The
 * journal's count grows by one entry an edit. */
static void
test_identity (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DlbStore) store = create_store (fixture, "one.deliberate");
  g_autoptr(DlbStore) other = create_store (fixture, "two.deliberate");
  g_autofree char *copy_path = fixture_path (fixture, "copy.deliberate");
  g_autofree char *path = g_strdup (dlb_store_get_path (store));
  g_autofree char *identity = g_strdup (dlb_store_get_identity (store));
  g_autoptr(DlbStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  guint64 before = G_MAXUINT64, after = 0;

  g_assert_nonnull (identity);
  g_assert_cmpuint (strlen (identity), ==, 32);
  g_assert_true (strspn (identity, "0123456789abcdef") == 32);
  g_assert_cmpstr (dlb_store_get_identity (other), !=, identity);

  g_assert_true (dlb_store_count_journal (store, &before, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (before, ==, 0);
  g_assert_true (set_int (store, "mayor", DLB_STAKEHOLDER_POWER, 2, NULL));
  g_assert_true (dlb_store_count_journal (store, &after, &error));
  g_assert_cmpuint (after, ==, before + 1);
  g_assert_cmpstr (dlb_store_get_identity (store), ==, identity);

  g_assert_true (dlb_store_save_copy (store, copy_path, &error));
  g_assert_no_error (error);
  copy = dlb_store_open (copy_path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlb_store_get_identity (copy), ==, identity);

  g_clear_object (&store);
  store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlb_store_get_identity (store), ==, identity);
  g_assert_true (dlb_store_count_journal (store, &after, &error));
  g_assert_cmpuint (after, ==, 1);

  /* An identity that Deliberate did not write is no identity. */
  {
    g_autofree char *odd_path = fixture_path (fixture, "odd.deliberate");
    g_autoptr(DlbCase) c = make_full_case ();
    g_autoptr(DlbStore) odd = NULL;
    sqlite3 *db;

    g_assert_true (dlb_store_write_case (c, odd_path, &error));
    db = dlb_test_open_raw (odd_path);
    dlb_test_exec_raw (db, "UPDATE case_info SET identity = 'not ours; journal=9'");
    sqlite3_close (db);
    odd = dlb_store_open (odd_path, DLB_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    g_assert_null (dlb_store_get_identity (odd));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dlb_store_set_checksum_func (dlb_json_dup_fingerprint);

#define ADD(path, func) \
  g_test_add ("/core/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("schema-matches-fields", test_schema_matches_fields);
  ADD ("schema-built", test_schema_built);
  ADD ("edits-persist", test_edits_persist);
  ADD ("cascade", test_cascade);
  ADD ("journal", test_journal);
  ADD ("history", test_history);
  ADD ("move", test_move);
  ADD ("gestures-after-reopening", test_gestures_after_reopening);
  ADD ("undo-redo", test_undo_redo);
  ADD ("undo-notifies", test_undo_notifies);
  ADD ("failure-rolls-back", test_failure_rolls_back);
  ADD ("undo-failure-rolls-back", test_undo_failure_rolls_back);
  ADD ("migrate-1-2", test_migrate);
  ADD ("migrate-memo-notes", test_migrate_memo_notes);
  ADD ("migrate-failure", test_migrate_failure);
  ADD ("refuse/missing-empty-text", test_refuse_missing_empty_text);
  ADD ("refuse/other-database", test_refuse_other_database);
  ADD ("refuse/too-new", test_refuse_too_new);
  ADD ("refuse/invalid-rows", test_refuse_invalid_rows);
  ADD ("refuse/corrupt", test_refuse_corrupt);
  ADD ("lock", test_lock);
  ADD ("read-only", test_read_only);
  ADD ("read-only-folder", test_read_only_folder);
  ADD ("save-copy", test_save_copy);
  ADD ("write-case-failures", test_write_case_failures);
  ADD ("open-leaves-file-unchanged", test_open_leaves_file_unchanged);
  ADD ("busy", test_busy);
  ADD ("group", test_group);
  ADD ("group-cancel", test_group_cancel);
  ADD ("edit-reaches-file", test_edit_reaches_file);
  ADD ("identity", test_identity);
  g_test_add_func ("/core/store/journal-descriptions", test_journal_descriptions);
  g_test_add_func ("/core/store/error-messages", test_error_messages);

#undef ADD

  return g_test_run ();
}
