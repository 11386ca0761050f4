/* dlb-analysis.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-analysis"

#include "config.h"

#include "dlb-analysis.h"

struct _DlbAnalysis
{
  GObject            parent_instance;

  DlbCase           *kase;
  guint64            seed;
  guint              draws;

  DlbResult         *result;
  DlbRecommendation *recommendation;

  /* Each change of the case makes a new generation; a run's result is
   * taken only if no change came after its snapshot. */
  guint64            generation;
  guint64            result_generation;
  GCancellable      *cancellable;
  guint              idle_id;
  guint              n_runs;
  gboolean           held;
};

G_DEFINE_FINAL_TYPE (DlbAnalysis, dlb_analysis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE,
  PROP_RESULT,
  PROP_RECOMMENDATION,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  DlbCase *snapshot;
  guint64  generation;
  guint64  seed;
  guint    draws;
} Run;

static void
run_free (gpointer data)
{
  Run *run = data;

  g_clear_object (&run->snapshot);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* What the engine reads, copied so that a worker thread can read it
 * while the user goes on editing the case itself. */
static DlbCase *
snapshot_case (DlbCase *c)
{
  static const DlbKind kinds[] = { DLB_KIND_OPTION, DLB_KIND_CRITERION, DLB_KIND_SCORE, DLB_KIND_PERSPECTIVE };

  return dlb_case_copy (c, kinds, G_N_ELEMENTS (kinds));
}

static DlbResult *
analyze (DlbCase *c,
         guint64  seed,
         guint    draws)
{
  DlbEngineOptions options;

  dlb_engine_options_init (&options);
  options.seed = seed;
  options.draws = draws;
  return dlb_engine_analyze (c, &options);
}

static void
take_result (DlbAnalysis *self,
             DlbResult   *result,
             guint64      generation)
{
  gboolean was_busy = dlb_analysis_get_busy (self);

  g_set_object (&self->result, result);
  g_clear_object (&self->recommendation);
  self->recommendation = dlb_recommendation_new (self->kase, result);
  self->result_generation = generation;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOMMENDATION]);
  if (was_busy != dlb_analysis_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Run *run = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, analyze (run->snapshot, run->seed, run->draws), g_object_unref);
}

static void
run_done (GObject      *object,
          GAsyncResult *res,
          gpointer      data)
{
  DlbAnalysis *self = DLB_ANALYSIS (object);
  Run *run = g_task_get_task_data (G_TASK (res));
  g_autoptr(DlbResult) result = g_task_propagate_pointer (G_TASK (res), NULL);

  /* A cancelled or outdated run: a newer one is on its way. */
  if (result == NULL || run->generation != self->generation || self->kase == NULL)
    return;
  take_result (self, result, run->generation);
}

static gboolean
start_run (gpointer data)
{
  DlbAnalysis *self = data;
  g_autoptr(GTask) task = NULL;
  Run *run;

  self->idle_id = 0;
  if (self->kase == NULL || self->held || !dlb_analysis_get_busy (self))
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  run = g_new0 (Run, 1);
  run->snapshot = snapshot_case (self->kase);
  run->generation = self->generation;
  run->seed = self->seed;
  run->draws = self->draws;
  self->n_runs++;

  task = g_task_new (self, self->cancellable, run_done, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_task_data (task, run, run_free);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, run_thread);

  return G_SOURCE_REMOVE;
}

/* Edits often come in bursts within one turn of the main loop; one run
 * after them all is enough. */
static void
on_case_changed (DlbAnalysis *self)
{
  gboolean was_busy = dlb_analysis_get_busy (self);

  self->generation++;
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_run, self, NULL);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
dlb_analysis_constructed (GObject *object)
{
  DlbAnalysis *self = DLB_ANALYSIS (object);

  G_OBJECT_CLASS (dlb_analysis_parent_class)->constructed (object);

  /* The case may own its analysis (dlb_analysis_for_case), so the
   * analysis holds the case weakly. */
  g_object_add_weak_pointer (G_OBJECT (self->kase), (gpointer *) &self->kase);
  g_signal_connect_object (self->kase, "changed", G_CALLBACK (on_case_changed), self,
                           G_CONNECT_SWAPPED);
  self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_run, self, NULL);
}

static void
dlb_analysis_dispose (GObject *object)
{
  DlbAnalysis *self = DLB_ANALYSIS (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->recommendation);
  g_clear_object (&self->result);
  g_clear_weak_pointer (&self->kase);

  G_OBJECT_CLASS (dlb_analysis_parent_class)->dispose (object);
}

static void
dlb_analysis_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DlbAnalysis *self = DLB_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;
    case PROP_RECOMMENDATION:
      g_value_set_object (value, self->recommendation);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, dlb_analysis_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_analysis_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DlbAnalysis *self = DLB_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_CASE:
      self->kase = g_value_get_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_analysis_class_init (DlbAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dlb_analysis_constructed;
  object_class->dispose = dlb_analysis_dispose;
  object_class->get_property = dlb_analysis_get_property;
  object_class->set_property = dlb_analysis_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, DLB_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, DLB_TYPE_RESULT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECOMMENDATION] =
    g_param_spec_object ("recommendation", NULL, NULL, DLB_TYPE_RECOMMENDATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlb_analysis_init (DlbAnalysis *self)
{
  self->seed = DLB_ENGINE_DEFAULT_SEED;
  self->draws = DLB_ENGINE_DEFAULT_DRAWS;
  /* Generation 1 has no result yet: the analysis starts busy. */
  self->generation = 1;
}

DlbAnalysis *
dlb_analysis_new (DlbCase                *c,
                  const DlbEngineOptions *options)
{
  DlbAnalysis *self;

  g_return_val_if_fail (DLB_IS_CASE (c), NULL);

  self = g_object_new (DLB_TYPE_ANALYSIS, "case", c, NULL);
  if (options != NULL)
    {
      self->seed = options->seed;
      self->draws = options->draws;
    }
  return self;
}

DlbAnalysis *
dlb_analysis_for_case (DlbCase *c)
{
  static GQuark quark;
  DlbAnalysis *self;

  g_return_val_if_fail (DLB_IS_CASE (c), NULL);

  if (quark == 0)
    quark = g_quark_from_static_string ("dlb-analysis");
  self = g_object_get_qdata (G_OBJECT (c), quark);
  if (self == NULL)
    {
      self = dlb_analysis_new (c, NULL);
      g_object_set_qdata_full (G_OBJECT (c), quark, self, g_object_unref);
    }
  return self;
}

DlbCase *
dlb_analysis_get_case (DlbAnalysis *self)
{
  g_return_val_if_fail (DLB_IS_ANALYSIS (self), NULL);
  return self->kase;
}

DlbResult *
dlb_analysis_get_result (DlbAnalysis *self)
{
  g_return_val_if_fail (DLB_IS_ANALYSIS (self), NULL);
  return self->result;
}

DlbRecommendation *
dlb_analysis_get_recommendation (DlbAnalysis *self)
{
  g_return_val_if_fail (DLB_IS_ANALYSIS (self), NULL);
  return self->recommendation;
}

gboolean
dlb_analysis_get_busy (DlbAnalysis *self)
{
  g_return_val_if_fail (DLB_IS_ANALYSIS (self), FALSE);
  return self->result_generation != self->generation;
}

DlbResult *
dlb_analysis_update_sync (DlbAnalysis *self)
{
  g_autoptr(DlbResult) result = NULL;

  g_return_val_if_fail (DLB_IS_ANALYSIS (self), NULL);

  if (!dlb_analysis_get_busy (self) || self->kase == NULL)
    return self->result;

  /* A run in the background is now outdated by this one. */
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  self->n_runs++;
  result = analyze (self->kase, self->seed, self->draws);
  take_result (self, result, self->generation);
  return self->result;
}

guint
dlb_analysis_get_n_runs (DlbAnalysis *self)
{
  g_return_val_if_fail (DLB_IS_ANALYSIS (self), 0);
  return self->n_runs;
}

/* Holds back the runs in the background while @held, and starts the one
 * due when let go: how a test looks at what a window shows before the
 * analysis of a case just opened is in. dlb_analysis_update_sync() is not
 * held back. */
void
dlb_analysis_set_held (DlbAnalysis *self,
                       gboolean     held)
{
  g_return_if_fail (DLB_IS_ANALYSIS (self));

  self->held = held;
  if (!held && self->idle_id == 0 && dlb_analysis_get_busy (self))
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_run, self, NULL);
}
