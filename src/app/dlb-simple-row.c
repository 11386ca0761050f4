/* dlb-simple-row.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-simple-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-info-row.h"
#include "dlb-labels.h"
#include "dlb-simple-row.h"

/* A list row of a name and one line about it, for the kinds whose rows
 * need no more: sources and perspectives. It follows the entity, and the
 * case for what the line names (a perspective's stakeholder). A screen
 * reader reads the name and the line as one sentence. */

static void
update_row (GtkWidget *row)
{
  DlbEntity *entity = g_object_get_data (G_OBJECT (row), "entity");
  DlbCase *kase = g_object_get_data (G_OBJECT (row), "case");
  DlbSubtitleFunc subtitle_func = g_object_get_data (G_OBJECT (row), "subtitle-func");
  g_autofree char *subtitle = subtitle_func != NULL ? subtitle_func (kase, entity) : NULL;
  g_autofree char *accessible = NULL;
  const char *name = dlb_entity_get_display_name (entity);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  dlb_info_row_set_subtitle (DLB_INFO_ROW (row), subtitle);

  accessible = subtitle != NULL && *subtitle ? g_strdup_printf ("%s. %s", name, subtitle) : g_strdup (name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

GtkWidget *
dlb_simple_row_new (DlbCase         *kase,
                    DlbEntity       *entity,
                    DlbSubtitleFunc  subtitle)
{
  GtkWidget *row = dlb_info_row_new (NULL, NULL);

  g_return_val_if_fail (DLB_IS_CASE (kase), NULL);
  g_return_val_if_fail (DLB_IS_ENTITY (entity), NULL);

  dlb_info_row_set_subtitle_lines (DLB_INFO_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* The row's name is its one sentence, below, not its title's label. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_widget_add_css_class (row, "entity-row");

  g_object_set_data_full (G_OBJECT (row), "entity", g_object_ref (entity), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "case", g_object_ref (kase), g_object_unref);
  g_object_set_data (G_OBJECT (row), "subtitle-func", subtitle);
  g_signal_connect_object (entity, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (kase, "changed", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (row);

  return row;
}

/* "Verified · 19 November 2019": how far it can be trusted, and when. */
char *
dlb_source_row_subtitle (DlbCase   *kase,
                         DlbEntity *entity)
{
  DlbSource *source = DLB_SOURCE (entity);
  const char *date = dlb_source_get_date (source);
  const char *reliability = dlb_label_for_reliability (dlb_source_get_reliability (source));

  if (date != NULL && *date)
    /* Translators: a source's reliability, then its date */
    return g_strdup_printf (_("%s · %s"), reliability, date);
  return g_strdup (reliability);
}

/* Whose view it is, and how many criteria it weighs. */
char *
dlb_perspective_row_subtitle (DlbCase   *kase,
                              DlbEntity *entity)
{
  DlbPerspective *p = DLB_PERSPECTIVE (entity);
  const char *id = dlb_perspective_get_stakeholder (p);
  DlbEntity *stakeholder = id != NULL && *id ? dlb_case_lookup_kind (kase, DLB_KIND_STAKEHOLDER, id) : NULL;
  GVariant *weights = dlb_perspective_get_weights (p);
  guint n_weighed = 0;
  g_autofree char *count = NULL;

  if (weights != NULL)
    {
      GVariantIter iter;
      const char *criterion;
      double w;

      g_variant_iter_init (&iter, weights);
      while (g_variant_iter_next (&iter, "{&sd}", &criterion, &w))
        if (w > 0 && dlb_case_lookup_kind (kase, DLB_KIND_CRITERION, criterion) != NULL)
          n_weighed++;
    }

  /* Translators: how many of the case's criteria a perspective gives weight to */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "weighs %u criterion", "weighs %u criteria", n_weighed),
                           n_weighed);
  if (stakeholder != NULL)
    /* Translators: the stakeholder whose perspective it is, then how many criteria it weighs */
    return g_strdup_printf (_("%s · %s"), dlb_entity_get_display_name (stakeholder), count);
  return g_steal_pointer (&count);
}
