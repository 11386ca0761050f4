/* dlb-findings-page.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-findings-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-findings-page.h"
#include "dlb-simple-row.h"
#include "dlb-util.h"

/* The privacy and civil-liberties findings, numbered as the memo numbers
 * them, each with how bad and how likely it is, where it stands and the
 * contract condition that would answer it. */
struct _DlbFindingsPage
{
  AdwBin             parent_instance;

  DlbCollectionView *view;
  DlbCollectionView *sources_view;
  GtkStack          *sections;
};

G_DEFINE_FINAL_TYPE (DlbFindingsPage, dlb_findings_page, DLB_TYPE_CASE_PAGE)

typedef struct
{
  GtkLabel *number;
  GtkLabel *title;
  GtkLabel *status;
  GtkLabel *levels;
  GtkLabel *condition;
  GtkLabel *sources;
  char     *status_class;
} RowWidgets;

static void
row_widgets_free (gpointer data)
{
  RowWidgets *w = data;

  g_free (w->status_class);
  g_free (w);
}

static GtkLabel *
add_label (GtkBox     *box,
           const char *css_class)
{
  GtkLabel *label = dlb_row_label_new (css_class);

  gtk_box_append (box, GTK_WIDGET (label));
  return label;
}

static char *
source_labels (DlbCase            *kase,
               const char * const *ids)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      DlbEntity *source = dlb_case_lookup_kind (kase, DLB_KIND_SOURCE, ids[i]);

      if (s->len > 0)
        g_string_append (s, _(", "));
      g_string_append (s, source != NULL ? dlb_source_get_label (DLB_SOURCE (source)) : ids[i]);
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
update_row (GtkWidget *row)
{
  DlbFinding *f = g_object_get_data (G_OBJECT (row), "entity");
  DlbCase *kase = g_object_get_data (G_OBJECT (row), "case");
  RowWidgets *w = g_object_get_data (G_OBJECT (row), "widgets");
  const char *condition = dlb_finding_get_condition (f);
  DlbFindingStatus status = dlb_finding_get_status (f);
  g_autofree char *number = NULL;
  g_autofree char *levels = NULL;
  g_autofree char *cond = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *sources_line = NULL;
  g_autofree char *accessible = NULL;
  guint position = 0;

  if (!g_list_store_find (G_LIST_STORE (dlb_case_get_findings (kase)), f, &position))
    return;  /* being removed */

  number = g_strdup_printf ("%u", position + 1);
  gtk_label_set_text (w->number, number);
  gtk_label_set_text (w->title, dlb_finding_get_title (f));

  gtk_label_set_text (w->status, dlb_label_for_status (status));
  if (w->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (w->status), w->status_class);
  g_free (w->status_class);
  w->status_class = g_strdup (dlb_css_class_for_status (status));
  gtk_widget_add_css_class (GTK_WIDGET (w->status), w->status_class);

  /* Translators: a finding's severity and likelihood, each one of Negligible, Limited, Significant, Maximum */
  levels = g_strdup_printf (_("Severity: %s · Likelihood: %s"),
                            dlb_label_for_level (dlb_finding_get_severity (f)),
                            dlb_label_for_level (dlb_finding_get_likelihood (f)));
  gtk_label_set_text (w->levels, levels);

  if (condition != NULL && *condition)
    /* Translators: the contract condition that would resolve a finding */
    cond = g_strdup_printf (_("Condition: %s"), condition);
  gtk_label_set_text (w->condition, cond ? cond : "");
  gtk_widget_set_visible (GTK_WIDGET (w->condition), cond != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->condition), condition);

  sources = source_labels (kase, dlb_finding_get_sources (f));
  if (*sources)
    /* Translators: the sources a finding rests on, a list of labels */
    sources_line = g_strdup_printf (_("Sources: %s"), sources);
  gtk_label_set_text (w->sources, sources_line ? sources_line : "");
  gtk_widget_set_visible (GTK_WIDGET (w->sources), sources_line != NULL);

  accessible = dlb_sentence_for_finding (f, position + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static GtkWidget *
create_row (DlbEntity *entity,
            gpointer   user_data)
{
  DlbFindingsPage *self = user_data;
  DlbCase *kase = dlb_case_page_get_case (DLB_CASE_PAGE (self));
  GtkWidget *row = gtk_list_box_row_new ();
  /* Grids, not boxes: GTK 4.8 sizes wrapping labels in a horizontal box
   * by laying them out for a dozen widths or more. */
  GtkWidget *outer = gtk_grid_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_grid_new ();
  RowWidgets *w = g_new0 (RowWidgets, 1);

  gtk_widget_add_css_class (row, "entity-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);

  gtk_grid_set_column_spacing (GTK_GRID (outer), 12);
  w->number = dlb_row_label_new ("finding-number");
  gtk_grid_attach (GTK_GRID (outer), GTK_WIDGET (w->number), 0, 0, 1, 1);
  gtk_label_set_wrap (w->number, FALSE);
  gtk_label_set_xalign (w->number, 0.5);
  gtk_widget_set_valign (GTK_WIDGET (w->number), GTK_ALIGN_START);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_grid_attach (GTK_GRID (outer), box, 1, 0, 1, 1);

  gtk_grid_set_column_spacing (GTK_GRID (top), 8);
  gtk_box_append (GTK_BOX (box), top);
  w->title = dlb_row_label_new ("heading");
  gtk_widget_set_hexpand (GTK_WIDGET (w->title), TRUE);
  gtk_grid_attach (GTK_GRID (top), GTK_WIDGET (w->title), 0, 0, 1, 1);
  w->status = dlb_row_label_new ("status-pill");
  gtk_grid_attach (GTK_GRID (top), GTK_WIDGET (w->status), 1, 0, 1, 1);
  gtk_widget_add_css_class (GTK_WIDGET (w->status), "caption-heading");
  gtk_label_set_wrap (w->status, FALSE);
  gtk_widget_set_valign (GTK_WIDGET (w->status), GTK_ALIGN_START);

  w->levels = add_label (GTK_BOX (box), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (w->levels), "dim-label");
  w->condition = add_label (GTK_BOX (box), NULL);
  gtk_label_set_lines (w->condition, 3);
  gtk_label_set_ellipsize (w->condition, PANGO_ELLIPSIZE_END);
  w->sources = add_label (GTK_BOX (box), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (w->sources), "dim-label");

  g_object_set_data_full (G_OBJECT (row), "entity", g_object_ref (entity), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "case", g_object_ref (kase), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "widgets", w, row_widgets_free);
  g_signal_connect_object (entity, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  /* Numbers follow the position; source labels may be renamed. */
  g_signal_connect_object (dlb_case_get_findings (kase), "items-changed", G_CALLBACK (update_row),
                           row, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (kase, "changed", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (row);

  return row;
}

static DlbEntity *
create_entity (gpointer user_data)
{
  return DLB_ENTITY (dlb_finding_new (_("New finding")));
}

static GtkWidget *
create_source_row (DlbEntity *entity,
                   gpointer   user_data)
{
  DlbFindingsPage *self = user_data;

  return dlb_simple_row_new (dlb_case_page_get_case (DLB_CASE_PAGE (self)), entity, dlb_source_row_subtitle);
}

static DlbEntity *
create_source (gpointer user_data)
{
  return DLB_ENTITY (dlb_source_new (_("New source")));
}

static void
dlb_findings_page_case_set (DlbCasePage *page)
{
  DlbFindingsPage *self = DLB_FINDINGS_PAGE (page);

  dlb_collection_view_set_case (self->view, dlb_case_page_get_case (page));
  dlb_collection_view_set_case (self->sources_view, dlb_case_page_get_case (page));
}

static void
dlb_findings_page_dispose (GObject *object)
{
  DlbFindingsPage *self = DLB_FINDINGS_PAGE (object);

  /* The bin drops its child itself, so it never holds a disposed one. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_FINDINGS_PAGE);

  G_OBJECT_CLASS (dlb_findings_page_parent_class)->dispose (object);
}

static void
dlb_findings_page_class_init (DlbFindingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_findings_page_dispose;
  DLB_CASE_PAGE_CLASS (klass)->case_set = dlb_findings_page_case_set;

  g_type_ensure (DLB_TYPE_COLLECTION_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-findings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbFindingsPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlbFindingsPage, sources_view);
  gtk_widget_class_bind_template_child (widget_class, DlbFindingsPage, sections);
}

static void
dlb_findings_page_init (DlbFindingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dlb_collection_view_setup (self->view, DLB_KIND_FINDING, create_row, create_entity, self);
  dlb_collection_view_setup (self->sources_view, DLB_KIND_SOURCE, create_source_row, create_source, self);
}

DlbCollectionView *
dlb_findings_page_get_sources_view (DlbFindingsPage *self)
{
  g_return_val_if_fail (DLB_IS_FINDINGS_PAGE (self), NULL);

  return self->sources_view;
}

/* Shows the findings ("findings") or the sources ("sources"). */
void
dlb_findings_page_show_section (DlbFindingsPage *self,
                                const char      *name)
{
  g_return_if_fail (DLB_IS_FINDINGS_PAGE (self));

  gtk_stack_set_visible_child_name (self->sections, name);
}

DlbCollectionView *
dlb_findings_page_get_view (DlbFindingsPage *self)
{
  g_return_val_if_fail (DLB_IS_FINDINGS_PAGE (self), NULL);

  return self->view;
}
