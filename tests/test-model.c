/* test-model.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dlb-entity-private.h"
#include "dlb-labels.h"
#include "dlb-model.h"

/* A backend that records what reaches it and can be told to fail. */
typedef struct
{
  GString *log;
  int      fail_at;   /* the n-th step fails; -1 never */
  int      step;
  gboolean in_transaction;
} Recorder;

static gboolean
rec_step (Recorder    *rec,
          const char  *what,
          GError     **error)
{
  g_assert_true (rec->in_transaction);
  g_string_append_printf (rec->log, "%s;", what);
  if (rec->step++ == rec->fail_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
      return FALSE;
    }
  return TRUE;
}

static gboolean
rec_begin (gpointer data, const char *action, const char *description, GError **error)
{
  Recorder *rec = data;

  g_assert_false (rec->in_transaction);
  g_assert_true ((action == NULL) != (description == NULL));
  rec->in_transaction = TRUE;
  g_string_append_printf (rec->log, "begin %s;", action != NULL ? action : description);
  return TRUE;
}

static gboolean
rec_insert (gpointer data, DlbEntity *entity, guint position, GError **error)
{
  g_autofree char *what = g_strdup_printf ("insert %s@%u", dlb_entity_get_id (entity), position);
  return rec_step (data, what, error);
}

static gboolean
rec_update (gpointer data, DlbEntity *entity, guint field, const GValue *before,
            const GValue *after, GError **error)
{
  g_autofree char *what = g_strdup_printf ("update %s.%s", dlb_entity_get_id (entity),
                                           dlb_entity_get_field (entity, field)->name);
  return rec_step (data, what, error);
}

static gboolean
rec_remove (gpointer data, DlbEntity *entity, guint position, GError **error)
{
  g_autofree char *what = g_strdup_printf ("remove %s@%u", dlb_entity_get_id (entity), position);
  return rec_step (data, what, error);
}

static gboolean
rec_commit (gpointer data, GError **error)
{
  Recorder *rec = data;

  rec->in_transaction = FALSE;
  g_string_append (rec->log, "commit;");
  return TRUE;
}

static void
rec_rollback (gpointer data)
{
  Recorder *rec = data;

  rec->in_transaction = FALSE;
  g_string_append (rec->log, "rollback;");
}

static const DlbCaseBackend recorder_backend = {
  rec_begin, rec_insert, rec_update, rec_remove, rec_commit, rec_rollback,
};

static DlbCase *
make_case (void)
{
  DlbCase *c = dlb_case_new ();
  g_autoptr(DlbCriterion) privacy = g_object_new (DLB_TYPE_CRITERION, "id", "privacy", "name", "Citizen privacy", "weight", 25.0, NULL);
  g_autoptr(DlbCriterion) crime = g_object_new (DLB_TYPE_CRITERION, "id", "crime", "name", "Crime reduction", "weight", 15.0, NULL);
  g_autoptr(DlbOption) enter = g_object_new (DLB_TYPE_OPTION, "id", "enter", "name", "Enter", NULL);
  g_autoptr(DlbOption) decline = g_object_new (DLB_TYPE_OPTION, "id", "decline", "name", "Decline", NULL);
  g_autoptr(DlbFinding) finding = g_object_new (DLB_TYPE_FINDING, "id", "f1", "title", "No retention limit", "criterion", "privacy", NULL);
  g_autoptr(DlbPerspective) aclu = g_object_new (DLB_TYPE_PERSPECTIVE, "id", "aclu", "name", "ACLU", NULL);
  const char *options[] = { "enter", "decline" };
  const char *criteria[] = { "privacy", "crime" };

  g_assert_true (dlb_case_append (c, DLB_ENTITY (privacy), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (crime), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (enter), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (decline), NULL));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (finding), NULL));
  _dlb_entity_set_variant (DLB_ENTITY (aclu), DLB_PERSPECTIVE_WEIGHTS,
                           g_variant_new_parsed ("{'privacy': 40.0, 'crime': 5.0}"));
  g_assert_true (dlb_case_append (c, DLB_ENTITY (aclu), NULL));

  for (guint o = 0; o < 2; o++)
    for (guint k = 0; k < 2; k++)
      {
        g_autoptr(DlbScore) score = dlb_score_new (options[o], criteria[k]);
        g_assert_true (dlb_case_append (c, DLB_ENTITY (score), NULL));
      }

  return c;
}

static void
test_defaults (void)
{
  g_autoptr(DlbStakeholder) s = dlb_stakeholder_new ("Mayor");
  g_autoptr(DlbCriterion) c = dlb_criterion_new ("Privacy", 20);

  g_assert_cmpstr (dlb_stakeholder_get_name (s), ==, "Mayor");
  g_assert_nonnull (dlb_entity_get_id (DLB_ENTITY (s)));
  g_assert_true (g_str_has_prefix (dlb_entity_get_id (DLB_ENTITY (s)), "stakeholder-"));
  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, 3);
  g_assert_cmpint (dlb_stakeholder_get_group (s), ==, DLB_GROUP_OTHER);
  g_assert_false (dlb_criterion_has_minimum (c));
  g_assert_cmpfloat (dlb_criterion_get_weight (c), ==, 20.0);
  g_assert_cmpint (dlb_entity_find_field (DLB_ENTITY (s), "consultation_note"), ==,
                   DLB_STAKEHOLDER_CONSULTATION_NOTE);
}

static void
test_lookup (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(DlbOption) dup = g_object_new (DLB_TYPE_OPTION, "id", "enter", "name", "Again", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (dlb_case_lookup_kind (c, DLB_KIND_OPTION, "enter"));
  g_assert_null (dlb_case_lookup_kind (c, DLB_KIND_CRITERION, "enter"));
  g_assert_nonnull (dlb_case_get_score (c, "decline", "crime"));
  g_assert_false (dlb_case_append (c, DLB_ENTITY (dup), &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_DUPLICATE_ID);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_options (c)), ==, 2);
}

static void
count_changes (guint *counter)
{
  (*counter)++;
}

static void
test_set_field_validates (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(DlbStakeholder) s = g_object_new (DLB_TYPE_STAKEHOLDER, "id", "mayor", "name", "Mayor", NULL);
  g_auto (GValue) v = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_assert_true (dlb_case_insert (c, DLB_ENTITY (s), -1, NULL));
  g_signal_connect_swapped (c, "changed", G_CALLBACK (count_changes), &changed);

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, 9);
  g_assert_false (dlb_case_set_field (c, DLB_ENTITY (s), DLB_STAKEHOLDER_POWER, &v, &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "power: expected 1–5, got 9"));
  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, 3);
  g_assert_cmpuint (changed, ==, 0);

  g_value_set_int (&v, 5);
  g_assert_true (dlb_case_set_field (c, DLB_ENTITY (s), DLB_STAKEHOLDER_POWER, &v, NULL));
  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, 5);
  g_assert_cmpuint (changed, ==, 1);

  /* Setting the same value again is no edit. */
  g_assert_true (dlb_case_set_field (c, DLB_ENTITY (s), DLB_STAKEHOLDER_POWER, &v, NULL));
  g_assert_cmpuint (changed, ==, 1);
}

static void
test_references_checked (void)
{
  g_autoptr(DlbCase) c = make_case ();
  DlbEntity *f = dlb_case_lookup (c, "f1");
  g_auto (GValue) v = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "nonexistent");
  g_assert_false (dlb_case_set_field (c, f, DLB_FINDING_CRITERION, &v, &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (dlb_finding_get_criterion (DLB_FINDING (f)), ==, "privacy");
}

static void
test_remove_cascades (void)
{
  g_autoptr(DlbCase) c = make_case ();
  Recorder rec = { g_string_new (NULL), -1, 0, FALSE };
  DlbEntity *privacy = dlb_case_lookup (c, "privacy");
  DlbPerspective *aclu = DLB_PERSPECTIVE (dlb_case_lookup (c, "aclu"));
  gboolean found = TRUE;

  dlb_case_set_backend (c, &recorder_backend, &rec);
  g_assert_true (dlb_case_remove (c, privacy, NULL));

  g_assert_null (dlb_case_lookup (c, "privacy"));
  g_assert_null (dlb_case_get_score (c, "enter", "privacy"));
  g_assert_null (dlb_case_get_score (c, "decline", "privacy"));
  g_assert_nonnull (dlb_case_get_score (c, "enter", "crime"));
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_scores (c)), ==, 2);
  g_assert_null (dlb_finding_get_criterion (DLB_FINDING (dlb_case_lookup (c, "f1"))));
  dlb_perspective_lookup_weight (aclu, "privacy", &found);
  g_assert_false (found);
  g_assert_cmpfloat (dlb_perspective_lookup_weight (aclu, "crime", NULL), ==, 5.0);

  /* One transaction; references are cleared before anything is removed. */
  g_assert_cmpstr (rec.log->str, ==,
                   "begin remove criterion;"
                   "update f1.criterion;update aclu.weights;"
                   "remove privacy@0;remove enter/privacy@0;remove decline/privacy@1;"
                   "commit;");
  g_string_free (rec.log, TRUE);
}

static void
test_failed_edit_leaves_model (void)
{
  g_autoptr(DlbCase) c = make_case ();
  Recorder rec = { g_string_new (NULL), 3, 0, FALSE };
  DlbEntity *privacy = dlb_case_lookup (c, "privacy");
  g_autoptr(GError) error = NULL;

  dlb_case_set_backend (c, &recorder_backend, &rec);
  g_assert_false (dlb_case_remove (c, privacy, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_true (g_str_has_suffix (rec.log->str, "rollback;"));

  /* Everything is back where it was, in the same order. */
  g_assert_true (dlb_case_lookup (c, "privacy") == privacy);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_scores (c)), ==, 4);
  {
    g_autoptr(DlbScore) first = g_list_model_get_item (dlb_case_get_scores (c), 0);
    g_assert_cmpstr (dlb_entity_get_id (DLB_ENTITY (first)), ==, "enter/privacy");
  }
  g_assert_cmpstr (dlb_finding_get_criterion (DLB_FINDING (dlb_case_lookup (c, "f1"))), ==, "privacy");
  g_assert_cmpfloat (dlb_perspective_lookup_weight (DLB_PERSPECTIVE (dlb_case_lookup (c, "aclu")), "privacy", NULL), ==, 40.0);
  g_string_free (rec.log, TRUE);
}

static void
test_read_only (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(DlbOption) o = dlb_option_new ("Wait");
  g_autoptr(GError) error = NULL;

  dlb_case_set_read_only (c, TRUE);
  g_assert_false (dlb_case_insert (c, DLB_ENTITY (o), -1, &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_READ_ONLY);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_options (c)), ==, 2);
  g_clear_error (&error);

  /* A gesture is refused before it starts. */
  g_assert_false (dlb_case_begin_group (c, "Apply ranking", &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_READ_ONLY);
  g_assert_false (dlb_case_in_group (c));
}

static void
test_nullable_minimum (void)
{
  g_autoptr(DlbCase) c = make_case ();
  DlbEntity *crime = dlb_case_lookup (c, "crime");
  g_auto (GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, 4.0);
  g_assert_true (dlb_case_set_field (c, crime, DLB_CRITERION_MINIMUM, &v, NULL));
  g_assert_true (dlb_criterion_has_minimum (DLB_CRITERION (crime)));
  g_value_set_double (&v, -0.5);
  g_assert_false (dlb_case_set_field (c, crime, DLB_CRITERION_MINIMUM, &v, NULL));
  g_value_set_double (&v, -1.0);
  g_assert_true (dlb_case_set_field (c, crime, DLB_CRITERION_MINIMUM, &v, NULL));
  g_assert_false (dlb_criterion_has_minimum (DLB_CRITERION (crime)));
}

typedef struct
{
  guint n;
  guint kinds;
} Changes;

static void
on_changed (DlbCase *c,
            guint    kinds,
            Changes *changes)
{
  changes->n++;
  changes->kinds = kinds;
}

static gboolean
set_double (DlbCase    *c,
            const char *id,
            guint       field,
            double      value,
            GError    **error)
{
  g_auto (GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  return dlb_case_set_field (c, dlb_case_lookup (c, id), field, &v, error);
}

static gboolean
set_title (DlbCase    *c,
           const char *value,
           GError    **error)
{
  g_auto (GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  return dlb_case_set_field (c, DLB_ENTITY (c), DLB_CASE_TITLE, &v, error);
}

static double
weight_of (DlbCase    *c,
           const char *id)
{
  return dlb_criterion_get_weight (DLB_CRITERION (dlb_case_lookup (c, id)));
}

static void
test_group_one_transaction (void)
{
  g_autoptr(DlbCase) c = make_case ();
  Recorder rec = { g_string_new (NULL), -1, 0, FALSE };
  g_autoptr(DlbOption) maybe = g_object_new (DLB_TYPE_OPTION, "id", "maybe", "name", "Maybe", NULL);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0, 0 };

  dlb_case_set_backend (c, &recorder_backend, &rec);
  g_signal_connect (c, "changed", G_CALLBACK (on_changed), &changes);

  g_assert_true (dlb_case_begin_group (c, "Apply ranking", &error));
  g_assert_no_error (error);
  g_assert_true (dlb_case_in_group (c));
  g_assert_true (set_double (c, "privacy", DLB_CRITERION_WEIGHT, 30, &error));
  g_assert_true (set_double (c, "crime", DLB_CRITERION_WEIGHT, 10, &error));
  g_assert_true (set_title (c, "Ring", &error));
  g_assert_true (dlb_case_insert (c, DLB_ENTITY (maybe), -1, &error));
  g_assert_no_error (error);

  /* The model follows at once; the views hear of it at the commit. */
  g_assert_cmpfloat (weight_of (c, "privacy"), ==, 30);
  g_assert_cmpuint (changes.n, ==, 0);

  g_assert_true (dlb_case_commit_group (c, &error));
  g_assert_no_error (error);
  g_assert_false (dlb_case_in_group (c));
  g_assert_cmpstr (rec.log->str, ==,
                   "begin Apply ranking;update privacy.weight;update crime.weight;"
                   "update case.title;insert maybe@2;commit;");
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_cmpuint (changes.kinds, ==,
                    (1u << DLB_KIND_CRITERION) | (1u << DLB_KIND_CASE) | (1u << DLB_KIND_OPTION));
  g_string_free (rec.log, TRUE);
}

static void
test_group_nests (void)
{
  g_autoptr(DlbCase) c = make_case ();
  Recorder rec = { g_string_new (NULL), -1, 0, FALSE };
  Changes changes = { 0, 0 };

  dlb_case_set_backend (c, &recorder_backend, &rec);
  g_signal_connect (c, "changed", G_CALLBACK (on_changed), &changes);

  g_assert_true (dlb_case_begin_group (c, "Outer", NULL));
  g_assert_true (set_double (c, "privacy", DLB_CRITERION_WEIGHT, 30, NULL));
  g_assert_true (dlb_case_begin_group (c, "Inner", NULL));
  g_assert_true (set_double (c, "crime", DLB_CRITERION_WEIGHT, 10, NULL));
  g_assert_true (dlb_case_commit_group (c, NULL));
  /* The inner commit only counts. */
  g_assert_true (dlb_case_in_group (c));
  g_assert_cmpuint (changes.n, ==, 0);
  g_assert_true (dlb_case_commit_group (c, NULL));

  g_assert_cmpstr (rec.log->str, ==, "begin Outer;update privacy.weight;update crime.weight;commit;");
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_cmpuint (changes.kinds, ==, 1u << DLB_KIND_CRITERION);

  /* A group that changed nothing is no edit at all. */
  g_string_truncate (rec.log, 0);
  g_assert_true (dlb_case_begin_group (c, "Nothing", NULL));
  g_assert_true (set_double (c, "privacy", DLB_CRITERION_WEIGHT, 30, NULL));
  g_assert_true (dlb_case_commit_group (c, NULL));
  g_assert_cmpstr (rec.log->str, ==, "begin Nothing;rollback;");
  g_assert_cmpuint (changes.n, ==, 1);
  g_string_free (rec.log, TRUE);
}

static void
test_group_failure_cancels (void)
{
  g_autoptr(DlbCase) c = make_case ();
  Recorder rec = { g_string_new (NULL), 1, 0, FALSE };
  DlbEntity *privacy = dlb_case_lookup (c, "privacy");
  g_autoptr(GError) error = NULL;
  Changes changes = { 0, 0 };

  dlb_case_set_backend (c, &recorder_backend, &rec);
  g_signal_connect (c, "changed", G_CALLBACK (on_changed), &changes);

  g_assert_true (dlb_case_begin_group (c, "Apply", NULL));
  g_assert_true (set_double (c, "crime", DLB_CRITERION_WEIGHT, 10, &error));
  g_assert_no_error (error);
  /* The second step of this removal is refused by the backend. */
  g_assert_false (dlb_case_remove (c, privacy, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  g_assert_cmpfloat (weight_of (c, "crime"), ==, 10);

  /* Nothing more can join a group that failed. */
  g_assert_false (set_title (c, "Ring", &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_GROUP_FAILED);
  g_clear_error (&error);

  dlb_case_cancel_group (c);
  g_assert_false (dlb_case_in_group (c));
  g_assert_true (g_str_has_suffix (rec.log->str, "rollback;"));
  g_assert_null (strstr (rec.log->str, "commit;"));
  g_assert_cmpuint (changes.n, ==, 0);

  /* Everything is back where it was. */
  g_assert_cmpfloat (weight_of (c, "crime"), ==, 15);
  g_assert_true (dlb_case_lookup (c, "privacy") == privacy);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_scores (c)), ==, 4);
  g_assert_cmpstr (dlb_finding_get_criterion (DLB_FINDING (dlb_case_lookup (c, "f1"))), ==, "privacy");
  g_assert_cmpfloat (dlb_perspective_lookup_weight (DLB_PERSPECTIVE (dlb_case_lookup (c, "aclu")), "privacy", NULL), ==, 40.0);

  /* Committing a failed group instead cancels it as well. */
  rec.step = 0;
  rec.fail_at = 1;
  g_string_truncate (rec.log, 0);
  g_assert_true (dlb_case_begin_group (c, "Apply", NULL));
  g_assert_true (set_double (c, "crime", DLB_CRITERION_WEIGHT, 10, NULL));
  g_assert_false (set_double (c, "privacy", DLB_CRITERION_WEIGHT, 20, NULL));
  g_assert_false (dlb_case_commit_group (c, &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_GROUP_FAILED);
  g_assert_false (dlb_case_in_group (c));
  g_assert_true (g_str_has_suffix (rec.log->str, "rollback;"));
  g_assert_cmpfloat (weight_of (c, "crime"), ==, 15);
  g_assert_cmpfloat (weight_of (c, "privacy"), ==, 25);
  g_assert_cmpuint (changes.n, ==, 0);
  g_clear_error (&error);

  /* A part the model refuses before it reaches the file counts too. */
  rec.fail_at = -1;
  g_string_truncate (rec.log, 0);
  g_assert_true (dlb_case_begin_group (c, "Apply", NULL));
  g_assert_true (set_double (c, "crime", DLB_CRITERION_WEIGHT, 10, NULL));
  g_assert_false (set_double (c, "privacy", DLB_CRITERION_WEIGHT, -5, &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (dlb_case_commit_group (c, &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_GROUP_FAILED);
  g_assert_cmpstr (rec.log->str, ==, "begin Apply;update crime.weight;rollback;");
  g_assert_cmpfloat (weight_of (c, "crime"), ==, 15);
  g_assert_cmpuint (changes.n, ==, 0);
  g_string_free (rec.log, TRUE);
}

static void
test_changed_names_kinds (void)
{
  g_autoptr(DlbCase) c = make_case ();
  Changes changes = { 0, 0 };

  g_signal_connect (c, "changed", G_CALLBACK (on_changed), &changes);

  g_assert_true (set_title (c, "Ring", NULL));
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_cmpuint (changes.kinds, ==, 1u << DLB_KIND_CASE);

  g_assert_true (set_double (c, "crime", DLB_CRITERION_WEIGHT, 10, NULL));
  g_assert_cmpuint (changes.n, ==, 2);
  g_assert_cmpuint (changes.kinds, ==, 1u << DLB_KIND_CRITERION);

  /* A removal names everything its knock-on changes reached. */
  g_assert_true (dlb_case_remove (c, dlb_case_lookup (c, "privacy"), NULL));
  g_assert_cmpuint (changes.n, ==, 3);
  g_assert_cmpuint (changes.kinds, ==,
                    (1u << DLB_KIND_CRITERION) | (1u << DLB_KIND_SCORE)
                    | (1u << DLB_KIND_FINDING) | (1u << DLB_KIND_PERSPECTIVE));
}

static void
test_properties_read_only (void)
{
  g_autoptr(DlbStakeholder) mayor = g_object_new (DLB_TYPE_STAKEHOLDER, "id", "mayor",
                                                  "name", "Mayor", "power", 5, NULL);
  g_autoptr(DlbCase) c = dlb_case_new ();
  int power = 0;

  /* Properties still make an entity, and can be read. */
  g_assert_cmpint (dlb_stakeholder_get_power (mayor), ==, 5);
  g_object_get (mayor, "power", &power, NULL);
  g_assert_cmpint (power, ==, 5);
  g_assert_true (dlb_case_append (c, DLB_ENTITY (mayor), NULL));

  /* Once made, only the case can change it. */
  g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_WARNING, "*power*can't be set after construction*");
  g_object_set (mayor, "power", 1, NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpint (dlb_stakeholder_get_power (mayor), ==, 5);

  g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_WARNING, "*title*can't be set after construction*");
  g_object_set (c, "title", "Changed", NULL);
  g_test_assert_expected_messages ();
  g_assert_null (dlb_case_get_title (c));
}

/* A list row reads as one sentence, with the words the row shows. */
static void
test_row_sentences (void)
{
  g_autoptr(DlbStakeholder) s = g_object_new (DLB_TYPE_STAKEHOLDER, "name", "Chicago residents",
                                              "group", DLB_GROUP_RESIDENTS, "power", 3, "interest", 5,
                                              "stance", 0, NULL);
  g_autoptr(DlbStakeholder) aclu = g_object_new (DLB_TYPE_STAKEHOLDER, "name", "Illinois ACLU",
                                                 "group", DLB_GROUP_CIVIL_SOCIETY, "power", 2, "interest", 4,
                                                 "stance", -2, NULL);
  g_autoptr(DlbFinding) open = g_object_new (DLB_TYPE_FINDING, "title", "Footage without a warrant",
                                             "severity", 3, "likelihood", 2, NULL);
  g_autoptr(DlbFinding) conditional = g_object_new (DLB_TYPE_FINDING, "title", "Retention",
                                                    "status", DLB_FINDING_CONDITION_REQUIRED,
                                                    "severity", 4, "likelihood", 1,
                                                    "condition", "Delete after 30 days", NULL);
  g_autoptr(DlbItem) risk = g_object_new (DLB_TYPE_ITEM, "kind", DLB_ITEM_RISK, "title", "Lawsuits",
                                          "likelihood", 4, "impact", 3, NULL);
  g_autoptr(DlbItem) opportunity = dlb_item_new (DLB_ITEM_OPPORTUNITY, "Faster leads");
  g_autoptr(DlbCriterion) privacy = dlb_criterion_new ("Privacy", 20);
  g_autoptr(DlbCriterion) equity = g_object_new (DLB_TYPE_CRITERION, "name", "Racial equity", "weight", 25.0,
                                                 "minimum", 5.0, NULL);
  g_autofree char *s1 = dlb_sentence_for_stakeholder (s);
  g_autofree char *s2 = dlb_sentence_for_stakeholder (aclu);
  g_autofree char *f1 = dlb_sentence_for_finding (open, 1);
  g_autofree char *f2 = dlb_sentence_for_finding (conditional, 7);
  g_autofree char *i1 = dlb_sentence_for_item (risk);
  g_autofree char *i2 = dlb_sentence_for_item (opportunity);
  g_autofree char *c1 = dlb_sentence_for_criterion (privacy, 0.2);
  g_autofree char *c2 = dlb_sentence_for_criterion (equity, 0.375);

  g_assert_cmpstr (s1, ==, "Chicago residents, Residents, power 3, interest 5, Neutral");
  g_assert_cmpstr (s2, ==, "Illinois ACLU, Civil society, power 2, interest 4, Strongly opposes");
  g_assert_cmpstr (f1, ==, "Finding 1, Footage without a warrant: Open, severity Significant, likelihood Limited");
  g_assert_cmpstr (f2, ==, "Finding 7, Retention: Condition required, severity Maximum, likelihood Negligible. "
                           "Condition: Delete after 30 days");
  g_assert_cmpstr (i1, ==, "Risk: Lawsuits, likelihood 4 of 5, impact 3 of 5");
  g_assert_cmpstr (i2, ==, "Opportunity: Faster leads, likelihood 3 of 5, impact 3 of 5");
  g_assert_cmpstr (c1, ==, "Privacy, weight 20\u00a0%");
  g_assert_cmpstr (c2, ==, "Racial equity, weight 38\u00a0%, options scoring below 5 are ruled out");

}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/model/defaults", test_defaults);
  g_test_add_func ("/core/labels/row-sentences", test_row_sentences);
  g_test_add_func ("/core/model/lookup", test_lookup);
  g_test_add_func ("/core/model/set-field-validates", test_set_field_validates);
  g_test_add_func ("/core/model/references-checked", test_references_checked);
  g_test_add_func ("/core/model/remove-cascades", test_remove_cascades);
  g_test_add_func ("/core/model/failed-edit-leaves-model", test_failed_edit_leaves_model);
  g_test_add_func ("/core/model/read-only", test_read_only);
  g_test_add_func ("/core/model/nullable-minimum", test_nullable_minimum);
  g_test_add_func ("/core/model/group/one-transaction", test_group_one_transaction);
  g_test_add_func ("/core/model/group/nests", test_group_nests);
  g_test_add_func ("/core/model/group/failure-cancels", test_group_failure_cancels);
  g_test_add_func ("/core/model/changed-names-kinds", test_changed_names_kinds);
  g_test_add_func ("/core/model/properties-read-only", test_properties_read_only);

  return g_test_run ();
}
