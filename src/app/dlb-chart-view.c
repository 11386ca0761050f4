/* dlb-chart-view.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-chart-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "dlb-chart-view.h"
#include "dlb-charts.h"

/* A chart drawn by the same Cairo code as the memo, on a card: in the
 * print colours in the light style, and in their dark counterparts on a
 * dark card in the dark style, redrawn when the style changes. Screen readers get the chart's
 * sentences as the accessible description; the view takes keyboard focus
 * so that they can be reached without a pointer. */
struct _DlbChartView
{
  GtkWidget             parent_instance;

  DlbChartViewDrawFunc  func;
  gpointer              user_data;
  GDestroyNotify        destroy;

  char                 *description;
  int                   content_height;
  double                zoom;
  double                aspect;
};

G_DEFINE_FINAL_TYPE (DlbChartView, dlb_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_CONTENT_HEIGHT,
  PROP_ZOOM,
  PROP_ASPECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PADDING 10.0
#define RADIUS  8.0

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
dlb_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  DlbChartView *self = DLB_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark;
  guint32 paper;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  dlb_chart_set_dark (cr, dark);
  paper = dlb_chart_colour (cr, 0xffffff);

  rounded_rectangle (cr, 0.5, 0.5, width - 1, height - 1, RADIUS);
  cairo_set_source_rgb (cr, ((paper >> 16) & 0xff) / 255.0, ((paper >> 8) & 0xff) / 255.0, (paper & 0xff) / 255.0);
  cairo_fill_preserve (cr);
  if (dark)
    cairo_set_source_rgba (cr, 1, 1, 1, 0.1);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.12);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  if (self->func != NULL && width > 2 * PADDING && height > 2 * PADDING)
    {
      double zoom = self->zoom > 0 ? self->zoom : 1;

      cairo_save (cr);
      cairo_translate (cr, PADDING, PADDING);
      cairo_scale (cr, zoom, zoom);
      self->func (cr, (width - 2 * PADDING) / zoom, (height - 2 * PADDING) / zoom, self->user_data);
      cairo_restore (cr);
    }

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA accent;

      /* The accent colour of the current style, as the focus ring of
       * any other control. */
      if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", &accent))
        gdk_rgba_parse (&accent, "#3584e4");
      rounded_rectangle (cr, 1.5, 1.5, width - 3, height - 3, RADIUS - 1);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.6);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
dlb_chart_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  DlbChartView *self = DLB_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else if (self->aspect > 0 && for_size > 0)
    {
      *minimum = CLAMP ((int) (for_size * self->aspect), 40, self->content_height);
      *natural = *minimum;
    }
  else
    {
      *minimum = self->content_height;
      *natural = self->content_height;
    }
}

static void
dlb_chart_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  /* The only children are the popovers a chart opens over itself. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_present (GTK_POPOVER (child));
}

static GtkSizeRequestMode
dlb_chart_view_get_request_mode (GtkWidget *widget)
{
  DlbChartView *self = DLB_CHART_VIEW (widget);

  return self->aspect > 0 ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
focus_changed (DlbChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DlbChartView          *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* A chart that handles its keys itself keeps them from the window,
   * which would otherwise turn the focus ring on: the keyboard is in use. */
  if (GTK_IS_WINDOW (root) && !gtk_window_get_focus_visible (GTK_WINDOW (root)))
    {
      gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return GDK_EVENT_PROPAGATE;
}

static void
dlb_chart_view_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dlb_chart_view_parent_class)->dispose (object);
}

static void
dlb_chart_view_finalize (GObject *object)
{
  DlbChartView *self = DLB_CHART_VIEW (object);

  if (self->destroy != NULL)
    self->destroy (self->user_data);
  g_free (self->description);

  G_OBJECT_CLASS (dlb_chart_view_parent_class)->finalize (object);
}

static void
dlb_chart_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DlbChartView *self = DLB_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_CONTENT_HEIGHT:
      g_value_set_int (value, self->content_height);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_ASPECT:
      g_value_set_double (value, self->aspect);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_chart_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DlbChartView *self = DLB_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTENT_HEIGHT:
      dlb_chart_view_set_content_height (self, g_value_get_int (value));
      break;
    case PROP_ZOOM:
      dlb_chart_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_ASPECT:
      dlb_chart_view_set_aspect (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_chart_view_class_init (DlbChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_chart_view_dispose;
  object_class->finalize = dlb_chart_view_finalize;
  object_class->get_property = dlb_chart_view_get_property;
  object_class->set_property = dlb_chart_view_set_property;

  widget_class->snapshot = dlb_chart_view_snapshot;
  widget_class->measure = dlb_chart_view_measure;
  widget_class->size_allocate = dlb_chart_view_size_allocate;
  widget_class->get_request_mode = dlb_chart_view_get_request_mode;

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONTENT_HEIGHT] =
    g_param_spec_int ("content-height", NULL, NULL, 40, 4000, 220,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.25, 8.0, 1.5,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ASPECT] =
    g_param_spec_double ("aspect", NULL, NULL, 0.0, 4.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dlb_chart_view_init (DlbChartView *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *key;

  self->content_height = 220;
  self->zoom = 1.5;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
}

GtkWidget *
dlb_chart_view_new (void)
{
  return g_object_new (DLB_TYPE_CHART_VIEW, NULL);
}

void
dlb_chart_view_set_draw_func (DlbChartView         *self,
                              DlbChartViewDrawFunc  func,
                              gpointer              user_data,
                              GDestroyNotify        destroy)
{
  g_return_if_fail (DLB_IS_CHART_VIEW (self));

  if (self->destroy != NULL)
    self->destroy (self->user_data);
  self->func = func;
  self->user_data = user_data;
  self->destroy = destroy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dlb_chart_view_set_sentences (DlbChartView       *self,
                              const char * const *sentences)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DLB_IS_CHART_VIEW (self));

  text = sentences != NULL ? g_strjoinv (" ", (char **) sentences) : g_strdup ("");
  /* Every redraw follows new figures, so this is also where the chart is
   * told to draw again. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (g_strcmp0 (text, self->description) == 0)
    return;

  g_free (self->description);
  self->description = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
dlb_chart_view_get_description (DlbChartView *self)
{
  g_return_val_if_fail (DLB_IS_CHART_VIEW (self), NULL);

  return self->description;
}

void
dlb_chart_view_set_content_height (DlbChartView *self,
                                   int           height)
{
  g_return_if_fail (DLB_IS_CHART_VIEW (self));

  height = CLAMP (height, 40, 4000);
  if (self->content_height == height)
    return;

  self->content_height = height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_HEIGHT]);
}

int
dlb_chart_view_get_content_height (DlbChartView *self)
{
  g_return_val_if_fail (DLB_IS_CHART_VIEW (self), 0);

  return self->content_height;
}

void
dlb_chart_view_set_zoom (DlbChartView *self,
                         double        zoom)
{
  g_return_if_fail (DLB_IS_CHART_VIEW (self));

  zoom = CLAMP (zoom, 0.25, 8.0);
  if (G_APPROX_VALUE (self->zoom, zoom, 1e-9))
    return;

  self->zoom = zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
dlb_chart_view_get_zoom (DlbChartView *self)
{
  g_return_val_if_fail (DLB_IS_CHART_VIEW (self), 1.0);

  return self->zoom;
}

void
dlb_chart_view_set_aspect (DlbChartView *self,
                           double        aspect)
{
  g_return_if_fail (DLB_IS_CHART_VIEW (self));

  aspect = CLAMP (aspect, 0.0, 4.0);
  if (G_APPROX_VALUE (self->aspect, aspect, 1e-9))
    return;

  self->aspect = aspect;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASPECT]);
}

double
dlb_chart_view_get_aspect (DlbChartView *self)
{
  g_return_val_if_fail (DLB_IS_CHART_VIEW (self), 0.0);

  return self->aspect;
}

gboolean
dlb_chart_view_to_chart (DlbChartView *self,
                         double        x,
                         double        y,
                         double       *chart_x,
                         double       *chart_y,
                         double       *chart_width,
                         double       *chart_height)
{
  int width, height;
  double zoom;

  g_return_val_if_fail (DLB_IS_CHART_VIEW (self), FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 2 * PADDING || height <= 2 * PADDING)
    return FALSE;

  /* The inverse of the transformation the snapshot draws with. */
  zoom = self->zoom > 0 ? self->zoom : 1;
  if (chart_x != NULL)
    *chart_x = (x - PADDING) / zoom;
  if (chart_y != NULL)
    *chart_y = (y - PADDING) / zoom;
  if (chart_width != NULL)
    *chart_width = (width - 2 * PADDING) / zoom;
  if (chart_height != NULL)
    *chart_height = (height - 2 * PADDING) / zoom;
  return TRUE;
}

void
dlb_chart_view_from_chart (DlbChartView *self,
                           double        chart_x,
                           double        chart_y,
                           double       *x,
                           double       *y)
{
  double zoom;

  g_return_if_fail (DLB_IS_CHART_VIEW (self));

  zoom = self->zoom > 0 ? self->zoom : 1;
  if (x != NULL)
    *x = PADDING + chart_x * zoom;
  if (y != NULL)
    *y = PADDING + chart_y * zoom;
}

static gboolean
drop_popover (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  return G_SOURCE_REMOVE;
}

static void
on_popover_closed (GtkPopover *popover)
{
  /* Idle, since the popover may still be handling the event that closed
   * it; the reference keeps it for the idle if the view goes first. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, drop_popover, g_object_ref (popover), g_object_unref);
}

void
dlb_chart_view_popup (DlbChartView *self,
                      GtkPopover   *popover,
                      double        chart_x,
                      double        chart_y,
                      double        chart_width,
                      double        chart_height)
{
  double x0, y0, x1, y1;

  g_return_if_fail (DLB_IS_CHART_VIEW (self));
  g_return_if_fail (GTK_IS_POPOVER (popover));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (popover)) == NULL);

  dlb_chart_view_from_chart (self, chart_x, chart_y, &x0, &y0);
  dlb_chart_view_from_chart (self, chart_x + chart_width, chart_y + chart_height, &x1, &y1);
  gtk_widget_set_parent (GTK_WIDGET (popover), GTK_WIDGET (self));
  gtk_popover_set_pointing_to (popover, &(GdkRectangle) { (int) floor (x0), (int) floor (y0),
                                                          MAX ((int) ceil (x1 - x0), 1),
                                                          MAX ((int) ceil (y1 - y0), 1) });
  g_signal_connect (popover, "closed", G_CALLBACK (on_popover_closed), NULL);
  gtk_popover_popup (popover);
}

GtkPopover *
dlb_chart_view_get_popover (DlbChartView *self)
{
  g_return_val_if_fail (DLB_IS_CHART_VIEW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_last_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return GTK_POPOVER (child);
  return NULL;
}
