/* dlb-info-row.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-info-row"

#include "config.h"

#include "dlb-info-row.h"

/* A list row that shows a title and a line under it, and does nothing
 * else: the memo's header fields and the recent changes on the Overview.
 *
 * It looks like libadwaita's action row (the same style classes in the
 * same nesting) but its title and line are stacked in vertical boxes
 * only. An action row puts them in a horizontal box beside its prefixes
 * and suffixes, and GTK sizes a wrapping label in a horizontal box by
 * searching for its width at several heights, laying its text out a
 * dozen times or more; a page of such rows made the window slower to
 * open by several milliseconds. Here each label is laid out only for the
 * widths it is offered. */

#define MIN_CHARS 10  /* the narrowest a wrapping line is measured to */

struct _DlbInfoRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *title;
  GtkLabel      *subtitle;
};

G_DEFINE_FINAL_TYPE (DlbInfoRow, dlb_info_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_TITLE_LINES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkLabel *
new_line (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Without a width in characters GTK measures a word-char label's
   * narrowest width by breaking it after every character. */
  gtk_label_set_width_chars (GTK_LABEL (label), MIN_CHARS);
  gtk_widget_set_visible (label, FALSE);
  return GTK_LABEL (label);
}

static void
set_line (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text);
}

static void
dlb_info_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DlbInfoRow *self = DLB_INFO_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, dlb_info_row_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, dlb_info_row_get_subtitle (self));
      break;
    case PROP_TITLE_LINES:
      g_value_set_int (value, MAX (gtk_label_get_lines (self->title), 0));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_info_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DlbInfoRow *self = DLB_INFO_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      dlb_info_row_set_title (self, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      dlb_info_row_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_TITLE_LINES:
      dlb_info_row_set_title_lines (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_info_row_class_init (DlbInfoRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dlb_info_row_get_property;
  object_class->set_property = dlb_info_row_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* At most this many lines of the title, ellipsized; 0 for all. */
  properties[PROP_TITLE_LINES] =
    g_param_spec_int ("title-lines", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlb_info_row_init (DlbInfoRow *self)
{
  /* The nesting of an action row, which the style sheet's rules for
   * rows follow: row > box.header > box.title > label.title and
   * label.subtitle. */
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (header, "header");
  gtk_widget_add_css_class (lines, "title");
  gtk_widget_set_valign (lines, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (lines, TRUE);

  self->title = new_line ("title");
  self->subtitle = new_line ("subtitle");
  gtk_box_append (GTK_BOX (lines), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (lines), GTK_WIDGET (self->subtitle));
  gtk_box_append (GTK_BOX (header), lines);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), header);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "info-row");

  /* Read as an action row is read: its title names it, its line
   * describes it. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->subtitle, NULL,
                                  -1);
}

GtkWidget *
dlb_info_row_new (const char *title,
                  const char *subtitle)
{
  return g_object_new (DLB_TYPE_INFO_ROW, "title", title, "subtitle", subtitle, NULL);
}

const char *
dlb_info_row_get_title (DlbInfoRow *self)
{
  g_return_val_if_fail (DLB_IS_INFO_ROW (self), NULL);

  return gtk_label_get_text (self->title);
}

void
dlb_info_row_set_title (DlbInfoRow *self,
                        const char *title)
{
  g_return_if_fail (DLB_IS_INFO_ROW (self));

  if (g_strcmp0 (title, dlb_info_row_get_title (self)) == 0)
    return;
  set_line (self->title, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
dlb_info_row_set_title_lines (DlbInfoRow *self,
                              int         lines)
{
  g_return_if_fail (DLB_IS_INFO_ROW (self));
  g_return_if_fail (lines >= 0);

  if (lines == gtk_label_get_lines (self->title) || (lines == 0 && gtk_label_get_lines (self->title) < 0))
    return;
  gtk_label_set_lines (self->title, lines > 0 ? lines : -1);
  gtk_label_set_ellipsize (self->title, lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE_LINES]);
}

const char *
dlb_info_row_get_subtitle (DlbInfoRow *self)
{
  g_return_val_if_fail (DLB_IS_INFO_ROW (self), NULL);

  return gtk_label_get_text (self->subtitle);
}

void
dlb_info_row_set_subtitle (DlbInfoRow *self,
                           const char *subtitle)
{
  g_return_if_fail (DLB_IS_INFO_ROW (self));

  if (g_strcmp0 (subtitle, dlb_info_row_get_subtitle (self)) == 0)
    return;
  set_line (self->subtitle, subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}
