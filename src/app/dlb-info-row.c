/* dlb-info-row.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-info-row"

#include "config.h"

#include "dlb-info-row.h"
#include "dlb-util.h"

/* A list row that shows a title and a line under it, and perhaps a
 * control or an icon after them: the memo's header fields and the recent
 * changes on the Overview, the paragraphs of an editor, the rows of the
 * sources and perspectives.
 *
 * It looks like libadwaita's action row (the same style classes, and the
 * style sheet gives its grid the action row's margins) but sets its lines
 * and its suffixes in a grid, not in a horizontal box. GTK 4.8 sizes a
 * wrapping label in a horizontal box by searching for its width at
 * several heights, laying its text out a dozen times or more: an editor's
 * paragraph was laid out 135 times, 120 thousand glyphs shaped, each time
 * a stakeholder was shown. A grid offers each label the width it gives
 * it, and lays it out for that width only. */

#define MIN_CHARS 10  /* the narrowest a wrapping line is measured to */

struct _DlbInfoRow
{
  AdwPreferencesRow  parent_instance;

  GtkWidget     *header;
  GtkLabel      *title;
  GtkLabel      *subtitle;
  GtkWidget     *suffixes;    /* made with the first suffix */
  GtkWidget     *list;        /* the list box whose activations are watched */
};

G_DEFINE_FINAL_TYPE (DlbInfoRow, dlb_info_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_SUBTITLE,
  PROP_TITLE_LINES,
  PROP_SUBTITLE_LINES,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkLabel *
new_line (const char *css_class)
{
  GtkLabel *label = dlb_row_label_new (css_class);

  /* Without a width in characters GTK measures a word-char label's
   * narrowest width by breaking it after every character. */
  gtk_label_set_width_chars (label, MIN_CHARS);
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  return label;
}

static void
set_line (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text);
}

static void
set_lines (GtkLabel *label,
           int       lines)
{
  gtk_label_set_lines (label, lines > 0 ? lines : -1);
  gtk_label_set_ellipsize (label, lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
}

/* Activated as an action row is: through the list box it is in. */
static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  DlbInfoRow    *self)
{
  if (row == GTK_LIST_BOX_ROW (self))
    g_signal_emit (self, signals[ACTIVATED], 0);
}

/* Watches @list, a list box or NULL, for the row's activation. */
static void
watch_list (DlbInfoRow *self,
            GtkWidget  *list)
{
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, on_row_activated, self);
  g_clear_weak_pointer (&self->list);
  if (list != NULL)
    {
      g_set_weak_pointer (&self->list, list);
      g_signal_connect (list, "row-activated", G_CALLBACK (on_row_activated), self);
    }
}

static void
on_parent_changed (DlbInfoRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  watch_list (self, GTK_IS_LIST_BOX (parent) ? parent : NULL);
}

static void
on_title_changed (DlbInfoRow *self)
{
  set_line (self->title, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
}

static void
dlb_info_row_dispose (GObject *object)
{
  watch_list (DLB_INFO_ROW (object), NULL);

  G_OBJECT_CLASS (dlb_info_row_parent_class)->dispose (object);
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
    case PROP_SUBTITLE:
      g_value_set_string (value, dlb_info_row_get_subtitle (self));
      break;
    case PROP_TITLE_LINES:
      g_value_set_int (value, MAX (gtk_label_get_lines (self->title), 0));
      break;
    case PROP_SUBTITLE_LINES:
      g_value_set_int (value, MAX (gtk_label_get_lines (self->subtitle), 0));
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
    case PROP_SUBTITLE:
      dlb_info_row_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_TITLE_LINES:
      dlb_info_row_set_title_lines (self, g_value_get_int (value));
      break;
    case PROP_SUBTITLE_LINES:
      dlb_info_row_set_subtitle_lines (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_info_row_class_init (DlbInfoRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dlb_info_row_dispose;
  object_class->get_property = dlb_info_row_get_property;
  object_class->set_property = dlb_info_row_set_property;

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* At most this many lines of the title, ellipsized; 0 for all. */
  properties[PROP_TITLE_LINES] =
    g_param_spec_int ("title-lines", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE_LINES] =
    g_param_spec_int ("subtitle-lines", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The row was activated in its list: clicked, or Enter or Space. */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dlb_info_row_init (DlbInfoRow *self)
{
  /* The nesting of an action row: row > .header > box.title >
   * label.title and label.subtitle, then box.suffixes. */
  GtkWidget *header = gtk_grid_new ();
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->header = header;
  gtk_widget_add_css_class (header, "header");
  gtk_widget_add_css_class (lines, "title");
  gtk_widget_set_valign (lines, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (lines, TRUE);

  self->title = new_line ("title");
  self->subtitle = new_line ("subtitle");
  gtk_box_append (GTK_BOX (lines), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (lines), GTK_WIDGET (self->subtitle));
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (header), 6);
  gtk_grid_attach (GTK_GRID (header), lines, 0, 0, 1, 1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), header);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "info-row");

  /* Read as an action row is read: its title names it, its line
   * describes it. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->subtitle, NULL,
                                  -1);

  g_signal_connect (self, "notify::parent", G_CALLBACK (on_parent_changed), NULL);
  /* The preferences row's title, which a preferences group and window
   * know rows by. */
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed), NULL);
}

GtkWidget *
dlb_info_row_new (const char *title,
                  const char *subtitle)
{
  return g_object_new (DLB_TYPE_INFO_ROW, "title", title, "subtitle", subtitle, NULL);
}

void
dlb_info_row_set_title_lines (DlbInfoRow *self,
                              int         lines)
{
  g_return_if_fail (DLB_IS_INFO_ROW (self));
  g_return_if_fail (lines >= 0);

  if (lines == MAX (gtk_label_get_lines (self->title), 0))
    return;
  set_lines (self->title, lines);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE_LINES]);
}

void
dlb_info_row_set_subtitle_lines (DlbInfoRow *self,
                                 int         lines)
{
  g_return_if_fail (DLB_IS_INFO_ROW (self));
  g_return_if_fail (lines >= 0);

  if (lines == MAX (gtk_label_get_lines (self->subtitle), 0))
    return;
  set_lines (self->subtitle, lines);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE_LINES]);
}

/* Puts @widget after the lines, at the row's end, as an action row's
 * suffixes are. */
void
dlb_info_row_add_suffix (DlbInfoRow *self,
                         GtkWidget  *widget)
{
  g_return_if_fail (DLB_IS_INFO_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (self->suffixes == NULL)
    {
      self->suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_add_css_class (self->suffixes, "suffixes");
      gtk_widget_set_valign (self->suffixes, GTK_ALIGN_CENTER);
      gtk_grid_attach (GTK_GRID (self->header), self->suffixes, 1, 0, 1, 1);
    }
  gtk_box_append (GTK_BOX (self->suffixes), widget);
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
