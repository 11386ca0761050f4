/* dlb-memo-view.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-memo-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "dlb-memo-view.h"

/* Zoom 1.0 shows the paper at its size on a 96 pixels-per-inch screen. */
#define PIXELS_PER_POINT (96.0 / 72.0)
/* Around the column and between pages. One value for both keeps the page
 * arithmetic simple: page i starts at i * (height + SPACING) + SPACING. */
#define SPACING 18
#define MIN_FIT_WIDTH 120
/* An image larger than this (in pixels) is drawn at a lower resolution
 * and scaled: a 400 % zoom on a high-density screen would otherwise ask
 * for hundreds of megabytes per page. */
#define MAX_TEXTURE_PIXELS (16 * 1024 * 1024)
#define SCROLL_STEP 48.0

static const double zoom_steps[] = {
  0.25, 0.33, 0.5, 0.67, 0.75, 0.85, 1.0, 1.15, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0,
};

struct _DlbMemoView
{
  GtkWidget      parent_instance;

  GtkWidget     *scrolled;
  GtkWidget     *box;
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  GPtrArray     *papers;       /* DlbMemoPaper, owned by box */

  DlbDocument   *doc;
  guint          serial;       /* bumped whenever the pages' content changes */
  double         page_width;   /* points */
  double         page_height;

  double         zoom;         /* when not fitting the width */
  gboolean       fit_width;

  int            page;
  /* Where the top of the view is, in pages: kept across zoom and new
   * documents, so the reader stays where they were. */
  int            anchor_page;
  double         anchor_fraction;
  double         last_stride;
  int            last_height;
  guint          last_n_pages;
  int            last_alloc_width;
  double         last_width;
  gboolean       restoring;

  /* What Find looks for, where it is, and which match is the current
   * one (-1: none). */
  char          *search;
  GArray        *matches;      /* DlbTextMatch */
  int            current_match;
};

G_DEFINE_FINAL_TYPE (DlbMemoView, dlb_memo_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_N_PAGES,
  PROP_PAGE,
  PROP_ZOOM,
  PROP_FIT_WIDTH,
  PROP_N_MATCHES,
  PROP_CURRENT_MATCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One page */

#define DLB_TYPE_MEMO_PAPER (dlb_memo_paper_get_type ())

G_DECLARE_FINAL_TYPE (DlbMemoPaper, dlb_memo_paper, DLB, MEMO_PAPER, GtkWidget)

struct _DlbMemoPaper
{
  GtkWidget    parent_instance;

  DlbMemoView *view;     /* unowned: the view outlives its papers */
  int          index;
  GdkTexture  *texture;
  int          texture_width;
  int          texture_height;
  guint        texture_serial;
};

G_DEFINE_FINAL_TYPE (DlbMemoPaper, dlb_memo_paper, GTK_TYPE_WIDGET)

/* The size of a page on screen, given the width of the view. */
static void
page_size_px (DlbMemoView *self,
              double       view_width,
              int         *width,
              int         *height)
{
  if (self->page_width <= 0 || self->page_height <= 0)
    {
      *width = *height = 0;
      return;
    }

  if (self->fit_width)
    {
      *width = MAX ((int) view_width - 2 * SPACING, MIN_FIT_WIDTH);
      *height = (int) round (*width * self->page_height / self->page_width);
    }
  else
    {
      *width = (int) round (self->page_width * self->zoom * PIXELS_PER_POINT);
      *height = (int) round (self->page_height * self->zoom * PIXELS_PER_POINT);
    }
}

static double
page_stride_for_width (DlbMemoView *self,
                       double       view_width)
{
  int width, height;

  page_size_px (self, view_width, &width, &height);
  return height > 0 ? height + SPACING : 0;
}

static double
page_stride (DlbMemoView *self)
{
  return page_stride_for_width (self, gtk_adjustment_get_page_size (self->hadjustment));
}

static GtkSizeRequestMode
dlb_memo_paper_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dlb_memo_paper_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  DlbMemoPaper *self = DLB_MEMO_PAPER (widget);
  DlbMemoView *view = self->view;
  int width, height;

  if (view->fit_width)
    {
      /* As wide as the column is; as tall as that width makes the page. */
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          page_size_px (view, 0, &width, &height);
          *minimum = *natural = width;
        }
      else
        {
          page_size_px (view, (for_size > 0 ? for_size : MIN_FIT_WIDTH) + 2 * SPACING, &width, &height);
          *minimum = *natural = height;
        }
    }
  else
    {
      page_size_px (view, 0, &width, &height);
      *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? width : height;
    }
}

/* Whether the page is within @slack view heights of what is on screen. */
static gboolean
paper_near_view (DlbMemoPaper *self,
                 double        slack)
{
  graphene_rect_t bounds;
  double height = gtk_widget_get_height (self->view->scrolled);

  if (!gtk_widget_compute_bounds (GTK_WIDGET (self), self->view->scrolled, &bounds))
    return FALSE;

  return bounds.origin.y + bounds.size.height >= -slack * height &&
         bounds.origin.y <= height + slack * height;
}

static void
paper_pixel_size (DlbMemoPaper *self,
                  int          *width,
                  int          *height)
{
  double scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double w = gtk_widget_get_width (GTK_WIDGET (self)) * scale;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) * scale;

  if (w * h > MAX_TEXTURE_PIXELS)
    {
      double shrink = sqrt (MAX_TEXTURE_PIXELS / (w * h));

      w *= shrink;
      h *= shrink;
    }
  *width = (int) ceil (w);
  *height = (int) ceil (h);
}

static gboolean
paper_is_fresh (DlbMemoPaper *self)
{
  int width, height;

  if (self->texture == NULL || self->texture_serial != self->view->serial)
    return FALSE;
  paper_pixel_size (self, &width, &height);
  return width == self->texture_width && height == self->texture_height;
}

static void
draw_failure (cairo_t    *cr,
              int         width,
              const char *message)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autofree char *text = NULL;

  /* Translators: shown on a memo page that failed to draw; %s says why */
  text = g_strdup_printf (_("This page could not be drawn: %s"), message);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, MAX (width - 48, 48) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  cairo_set_source_rgb (cr, 0.55, 0.1, 0.1);
  cairo_move_to (cr, 24, 24);
  pango_cairo_show_layout (cr, layout);
}

static void
paper_render (DlbMemoPaper *self)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  GBytes *bytes;
  cairo_t *cr;
  int width, height;

  g_clear_object (&self->texture);
  paper_pixel_size (self, &width, &height);
  if (width <= 0 || height <= 0)
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return;
    }

  /* Opaque white under the text: the image is the paper, and opaque
   * images are cheaper to put on screen. */
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (!dlb_document_draw_page (self->view->doc, cr, self->index, width, height, &error))
    draw_failure (cr, width, error->message);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      surface);
  self->texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                          cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);
  self->texture_width = width;
  self->texture_height = height;
  self->texture_serial = self->view->serial;
}

static void
dlb_memo_paper_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  DlbMemoPaper *self = DLB_MEMO_PAPER (widget);
  DlbMemoView *view = self->view;

  if (view->doc == NULL || self->index >= (int) view->papers->len)
    return;

  /* Only pages in or next to the view are drawn; the others are blank
   * paper until they scroll in (the view redraws them then). */
  if (!paper_near_view (self, 0.5))
    {
      if (self->texture != NULL && !paper_near_view (self, 2.0))
        g_clear_object (&self->texture);
      return;
    }

  if (!paper_is_fresh (self))
    paper_render (self);

  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture,
                                 &GRAPHENE_RECT_INIT (0, 0,
                                                      gtk_widget_get_width (widget),
                                                      gtk_widget_get_height (widget)));

  /* Find's matches on this page, the current one stronger: over the
   * paper's image, so a new search costs no drawing of the page. */
  if (view->matches != NULL && view->page_width > 0)
    {
      double scale = gtk_widget_get_width (widget) / view->page_width;

      for (guint i = 0; i < view->matches->len; i++)
        {
          const DlbTextMatch *match = &g_array_index (view->matches, DlbTextMatch, i);
          GdkRGBA color = (int) i == view->current_match ? (GdkRGBA) { 0.96, 0.47, 0.0, 0.55 }
                                                         : (GdkRGBA) { 0.98, 0.83, 0.0, 0.40 };

          if (match->page != self->index)
            continue;
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (match->x * scale - 1, match->y * scale,
                                                          match->width * scale + 2, match->height * scale));
        }
    }
}

static void
dlb_memo_paper_finalize (GObject *object)
{
  DlbMemoPaper *self = DLB_MEMO_PAPER (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (dlb_memo_paper_parent_class)->finalize (object);
}

static void
dlb_memo_paper_class_init (DlbMemoPaperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dlb_memo_paper_finalize;
  widget_class->get_request_mode = dlb_memo_paper_get_request_mode;
  widget_class->measure = dlb_memo_paper_measure;
  widget_class->snapshot = dlb_memo_paper_snapshot;

  gtk_widget_class_set_css_name (widget_class, "memopaper");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dlb_memo_paper_init (DlbMemoPaper *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "memo-paper");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

static void
paper_update_label (DlbMemoPaper *self,
                    int           n_pages)
{
  g_autofree char *label = NULL;

  /* Translators: the text alternative of a page of the memo preview */
  label = g_strdup_printf (_("Memo page %d of %d"), self->index + 1, n_pages);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* The view */

static void
update_description (DlbMemoView *self)
{
  g_autofree char *description = NULL;

  if (self->papers->len == 0)
    description = g_strdup (_("No memo to show"));
  else
    /* Translators: what the memo preview shows; the page numbers */
    description = g_strdup_printf (_("Memo page %d of %u"), self->page + 1, self->papers->len);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
set_current_page (DlbMemoView *self,
                  int          page)
{
  if (page == self->page)
    return;
  self->page = page;
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/* The page that fills most of the view. */
static int
page_in_view (DlbMemoView *self)
{
  double value = gtk_adjustment_get_value (self->vadjustment);
  double size = gtk_adjustment_get_page_size (self->vadjustment);
  double stride = page_stride (self);
  double height = stride - SPACING;
  double best_area = -1;
  int n = (int) self->papers->len;
  int best, i;

  if (n == 0 || stride <= 0)
    return 0;

  best = CLAMP ((int) floor (value / stride), 0, n - 1);
  for (i = best; i < n && i * stride + SPACING < value + size; i++)
    {
      double top = i * stride + SPACING;
      double area = MIN (top + height, value + size) - MAX (top, value);

      if (area > best_area + 0.5)
        {
          best = i;
          best_area = area;
        }
    }
  return best;
}

/* Like paper_near_view(), but from the adjustment: right after a scroll
 * the pages have not been moved yet. */
static gboolean
page_near_value (DlbMemoView *self,
                 guint        index,
                 double       stride,
                 double       slack)
{
  double value = gtk_adjustment_get_value (self->vadjustment);
  double size = gtk_adjustment_get_page_size (self->vadjustment);
  double top = index * stride + SPACING;

  return top + stride - SPACING >= value - slack * size &&
         top <= value + size + slack * size;
}

static void
refresh_papers (DlbMemoView *self)
{
  double stride = page_stride (self);
  guint i;

  if (stride <= 0)
    return;

  /* Pages that came into view since they were last drawn blank, or whose
   * image is out of date, draw again; far ones let their image go. */
  for (i = 0; i < self->papers->len; i++)
    {
      DlbMemoPaper *paper = g_ptr_array_index (self->papers, i);

      if (page_near_value (self, i, stride, 0.5))
        {
          if (!paper_is_fresh (paper))
            gtk_widget_queue_draw (GTK_WIDGET (paper));
        }
      else if (paper->texture != NULL && !page_near_value (self, i, stride, 2.0))
        gtk_widget_queue_draw (GTK_WIDGET (paper));
    }
}

static void
restore_anchor (DlbMemoView *self)
{
  double stride = page_stride (self);

  if (stride <= 0)
    return;

  self->restoring = TRUE;
  gtk_adjustment_set_value (self->vadjustment,
                            (self->anchor_page + self->anchor_fraction) * stride);
  self->restoring = FALSE;
}

static void
on_value_changed (DlbMemoView *self)
{
  double stride = page_stride (self);

  if (!self->restoring && stride > 0 && self->papers->len > 0)
    {
      double position = gtk_adjustment_get_value (self->vadjustment) / stride;

      self->anchor_page = CLAMP ((int) floor (position), 0, (int) self->papers->len - 1);
      self->anchor_fraction = position - self->anchor_page;
      set_current_page (self, page_in_view (self));
    }

  refresh_papers (self);
}

static void
on_vadjustment_changed (DlbMemoView *self)
{
  refresh_papers (self);
}

static void
dlb_memo_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DlbMemoView *self = DLB_MEMO_VIEW (widget);

  gtk_widget_measure (self->scrolled, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
dlb_memo_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  DlbMemoView *self = DLB_MEMO_VIEW (widget);
  double viewport_width = width;
  double stride;
  guint n = self->papers->len;

  /* The pages are as wide as the viewport, which is narrower than the
   * view by a scroll bar when scroll bars are not overlaid. */
  if (self->last_alloc_width > 0)
    viewport_width -= self->last_alloc_width - gtk_adjustment_get_page_size (self->hadjustment);
  stride = page_stride_for_width (self, viewport_width);

  /* When the pages change size or number, the reader stays on their
   * page. The viewport reads the scroll position while it lays out and
   * ignores changes made after, so the position is set here, first, with
   * the height the column is about to have (n pages and the space around
   * them). */
  if (stride > 0 && n > 0 &&
      (stride != self->last_stride || height != self->last_height || n != self->last_n_pages))
    {
      double upper = MAX (n * stride + SPACING, (double) height);
      double value = (self->anchor_page + self->anchor_fraction) * stride;

      self->restoring = TRUE;
      gtk_adjustment_configure (self->vadjustment,
                                CLAMP (value, 0, upper - height),
                                0, upper,
                                SCROLL_STEP, height * 0.9, height);
      self->restoring = FALSE;
    }
  self->last_stride = stride;
  self->last_height = height;
  self->last_n_pages = n;
  self->last_alloc_width = width;

  gtk_widget_allocate (self->scrolled, width, height, baseline, NULL);
}

static void
on_hadjustment_changed (DlbMemoView *self)
{
  double width = gtk_adjustment_get_page_size (self->hadjustment);

  if (width == self->last_width)
    return;

  self->last_width = width;
  if (self->fit_width)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
resize_papers (DlbMemoView *self)
{
  guint i;

  for (i = 0; i < self->papers->len; i++)
    gtk_widget_queue_resize (g_ptr_array_index (self->papers, i));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           DlbMemoView              *self)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;

  if (dy < 0)
    dlb_memo_view_zoom_in (self);
  else
    dlb_memo_view_zoom_out (self);
  return TRUE;
}

static gboolean
scroll_by_key (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  DlbMemoView *self = DLB_MEMO_VIEW (widget);
  double dx, dy;

  g_variant_get (args, "(dd)", &dx, &dy);
  if (dx != 0)
    gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + dx);
  if (dy != 0)
    gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + dy);
  return TRUE;
}

static gboolean
go_to_end (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  DlbMemoView *self = DLB_MEMO_VIEW (widget);

  if (g_variant_get_boolean (args))
    dlb_memo_view_set_page (self, (int) self->papers->len - 1);
  else
    dlb_memo_view_set_page (self, 0);
  return TRUE;
}

static void
dlb_memo_view_dispose (GObject *object)
{
  DlbMemoView *self = DLB_MEMO_VIEW (object);

  if (self->scrolled != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->vadjustment, self);
      g_signal_handlers_disconnect_by_data (self->hadjustment, self);
      g_ptr_array_set_size (self->papers, 0);
      g_clear_pointer (&self->scrolled, gtk_widget_unparent);
      self->box = NULL;
    }
  g_clear_object (&self->doc);

  G_OBJECT_CLASS (dlb_memo_view_parent_class)->dispose (object);
}

static void
dlb_memo_view_finalize (GObject *object)
{
  DlbMemoView *self = DLB_MEMO_VIEW (object);

  g_ptr_array_unref (self->papers);
  g_clear_pointer (&self->matches, g_array_unref);
  g_free (self->search);

  G_OBJECT_CLASS (dlb_memo_view_parent_class)->finalize (object);
}

static void
dlb_memo_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DlbMemoView *self = DLB_MEMO_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->doc);
      break;
    case PROP_N_PAGES:
      g_value_set_int (value, dlb_memo_view_get_n_pages (self));
      break;
    case PROP_PAGE:
      g_value_set_int (value, self->page);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, dlb_memo_view_get_zoom (self));
      break;
    case PROP_FIT_WIDTH:
      g_value_set_boolean (value, self->fit_width);
      break;
    case PROP_N_MATCHES:
      g_value_set_int (value, dlb_memo_view_get_n_matches (self));
      break;
    case PROP_CURRENT_MATCH:
      g_value_set_int (value, self->current_match);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_memo_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DlbMemoView *self = DLB_MEMO_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      dlb_memo_view_set_document (self, g_value_get_object (value));
      break;
    case PROP_PAGE:
      dlb_memo_view_set_page (self, g_value_get_int (value));
      break;
    case PROP_ZOOM:
      dlb_memo_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FIT_WIDTH:
      dlb_memo_view_set_fit_width (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_scroll_binding (GtkWidgetClass *widget_class,
                    guint           keyval,
                    double          dx,
                    double          dy)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, scroll_by_key, "(dd)", dx, dy);
}

static void
dlb_memo_view_class_init (DlbMemoViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_memo_view_dispose;
  object_class->finalize = dlb_memo_view_finalize;
  object_class->get_property = dlb_memo_view_get_property;
  object_class->set_property = dlb_memo_view_set_property;
  widget_class->measure = dlb_memo_view_measure;
  widget_class->size_allocate = dlb_memo_view_size_allocate;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, DLB_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_PAGES] =
    g_param_spec_int ("n-pages", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_int ("page", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, DLB_MEMO_VIEW_MIN_ZOOM, DLB_MEMO_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FIT_WIDTH] =
    g_param_spec_boolean ("fit-width", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_MATCHES] =
    g_param_spec_int ("n-matches", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURRENT_MATCH] =
    g_param_spec_int ("current-match", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "memoview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  add_scroll_binding (widget_class, GDK_KEY_Up, 0, -SCROLL_STEP);
  add_scroll_binding (widget_class, GDK_KEY_KP_Up, 0, -SCROLL_STEP);
  add_scroll_binding (widget_class, GDK_KEY_Down, 0, SCROLL_STEP);
  add_scroll_binding (widget_class, GDK_KEY_KP_Down, 0, SCROLL_STEP);
  add_scroll_binding (widget_class, GDK_KEY_Left, -SCROLL_STEP, 0);
  add_scroll_binding (widget_class, GDK_KEY_KP_Left, -SCROLL_STEP, 0);
  add_scroll_binding (widget_class, GDK_KEY_Right, SCROLL_STEP, 0);
  add_scroll_binding (widget_class, GDK_KEY_KP_Right, SCROLL_STEP, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, go_to_end, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Home, 0, go_to_end, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, go_to_end, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_End, 0, go_to_end, "b", TRUE);
}

static void
dlb_memo_view_init (DlbMemoView *self)
{
  GtkEventController *scroll;
  GtkWidget *viewport;

  self->papers = g_ptr_array_new ();
  self->zoom = 1.0;
  self->fit_width = TRUE;
  self->current_match = -1;

  gtk_widget_add_css_class (GTK_WIDGET (self), "memo-view");
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, SPACING);
  gtk_widget_set_margin_top (self->box, SPACING);
  gtk_widget_set_margin_bottom (self->box, SPACING);
  gtk_widget_set_margin_start (self->box, SPACING);
  gtk_widget_set_margin_end (self->box, SPACING);
  gtk_widget_set_halign (self->box, GTK_ALIGN_FILL);
  gtk_widget_set_valign (self->box, GTK_ALIGN_START);

  self->scrolled = gtk_scrolled_window_new ();
  viewport = gtk_viewport_new (NULL, NULL);
  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), FALSE);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), self->box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), viewport);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  self->hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  self->vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  g_signal_connect_swapped (self->vadjustment, "value-changed", G_CALLBACK (on_value_changed), self);
  g_signal_connect_swapped (self->vadjustment, "changed", G_CALLBACK (on_vadjustment_changed), self);
  g_signal_connect_swapped (self->hadjustment, "changed", G_CALLBACK (on_hadjustment_changed), self);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                            GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  update_description (self);
}

GtkWidget *
dlb_memo_view_new (void)
{
  return g_object_new (DLB_TYPE_MEMO_VIEW, NULL);
}

/* Find */

static void
queue_draw_papers (DlbMemoView *self)
{
  for (guint i = 0; i < self->papers->len; i++)
    gtk_widget_queue_draw (g_ptr_array_index (self->papers, i));
}

/* The search again, on the document shown: the current match stays the
 * one of the same number, or the last. */
static void
find_matches (DlbMemoView *self)
{
  int n_before = self->matches != NULL ? (int) self->matches->len : 0;
  int current_before = self->current_match;

  g_clear_pointer (&self->matches, g_array_unref);
  if (self->doc != NULL && self->search != NULL && *self->search != '\0')
    self->matches = dlb_document_find_text (self->doc, self->search);
  if (self->matches == NULL || self->matches->len == 0)
    self->current_match = -1;
  else
    self->current_match = CLAMP (self->current_match, 0, (int) self->matches->len - 1);

  queue_draw_papers (self);
  if (dlb_memo_view_get_n_matches (self) != n_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
  if (self->current_match != current_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_MATCH]);
}

/* Scrolls the current match into view, a quarter of the way down. */
static void
show_current_match (DlbMemoView *self)
{
  const DlbTextMatch *match;
  double stride = page_stride (self);
  double y;

  if (self->current_match < 0 || stride <= 0 || self->page_height <= 0)
    return;

  match = &g_array_index (self->matches, DlbTextMatch, self->current_match);
  y = SPACING + match->y / self->page_height * (stride - SPACING)
      - gtk_adjustment_get_page_size (self->vadjustment) / 4;
  self->anchor_page = match->page;
  self->anchor_fraction = y / stride;
  restore_anchor (self);
  set_current_page (self, match->page);
}

void
dlb_memo_view_set_search (DlbMemoView *self,
                          const char  *text)
{
  g_return_if_fail (DLB_IS_MEMO_VIEW (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (text);
  self->current_match = -1;
  find_matches (self);

  /* The first match from the page being read on. */
  if (self->matches != NULL && self->matches->len > 0)
    {
      int first = 0;

      for (guint i = 0; i < self->matches->len; i++)
        if (g_array_index (self->matches, DlbTextMatch, i).page >= self->page)
          {
            first = (int) i;
            break;
          }
      if (first != self->current_match)
        {
          self->current_match = first;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_MATCH]);
        }
      show_current_match (self);
    }
}

const char *
dlb_memo_view_get_search (DlbMemoView *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_VIEW (self), NULL);

  return self->search;
}

int
dlb_memo_view_get_n_matches (DlbMemoView *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_VIEW (self), 0);

  return self->matches != NULL ? (int) self->matches->len : 0;
}

int
dlb_memo_view_get_current_match (DlbMemoView *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_VIEW (self), -1);

  return self->current_match;
}

const DlbTextMatch *
dlb_memo_view_get_match (DlbMemoView *self,
                         int          index)
{
  g_return_val_if_fail (DLB_IS_MEMO_VIEW (self), NULL);

  if (index < 0 || index >= dlb_memo_view_get_n_matches (self))
    return NULL;
  return &g_array_index (self->matches, DlbTextMatch, index);
}

void
dlb_memo_view_find_next (DlbMemoView *self,
                         gboolean     backwards)
{
  int n;

  g_return_if_fail (DLB_IS_MEMO_VIEW (self));

  n = dlb_memo_view_get_n_matches (self);
  if (n == 0)
    return;
  if (self->current_match < 0)
    self->current_match = backwards ? n - 1 : 0;
  else
    self->current_match = (self->current_match + (backwards ? n - 1 : 1)) % n;
  queue_draw_papers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_MATCH]);
  show_current_match (self);
}

DlbDocument *
dlb_memo_view_get_document (DlbMemoView *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_VIEW (self), NULL);

  return self->doc;
}

void
dlb_memo_view_set_document (DlbMemoView *self,
                            DlbDocument *doc)
{
  int n_pages = 0, old_page;
  double width = 0, height = 0;
  gboolean resized;
  guint i;

  g_return_if_fail (DLB_IS_MEMO_VIEW (self));
  g_return_if_fail (doc == NULL || DLB_IS_DOCUMENT (doc));

  if (!g_set_object (&self->doc, doc))
    return;

  if (doc != NULL)
    {
      n_pages = dlb_document_get_n_pages (doc);
      width = dlb_document_get_page_width (doc);
      height = dlb_document_get_page_height (doc);
    }
  resized = width != self->page_width || height != self->page_height;
  self->page_width = width;
  self->page_height = height;
  self->serial++;

  /* Pages come and go at the end, so the ones before stay where they are
   * and the reader keeps their place. */
  while ((int) self->papers->len > n_pages)
    {
      GtkWidget *paper = g_ptr_array_steal_index (self->papers, self->papers->len - 1);

      gtk_box_remove (GTK_BOX (self->box), paper);
    }
  while ((int) self->papers->len < n_pages)
    {
      DlbMemoPaper *paper = g_object_new (DLB_TYPE_MEMO_PAPER, NULL);

      paper->view = self;
      paper->index = (int) self->papers->len;
      g_ptr_array_add (self->papers, paper);
      gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (paper));
    }

  for (i = 0; i < self->papers->len; i++)
    {
      DlbMemoPaper *paper = g_ptr_array_index (self->papers, i);

      paper_update_label (paper, n_pages);
      if (resized)
        gtk_widget_queue_resize (GTK_WIDGET (paper));
      gtk_widget_queue_draw (GTK_WIDGET (paper));
    }

  find_matches (self);

  old_page = self->page;
  self->page = CLAMP (self->page, 0, MAX (n_pages - 1, 0));
  if (self->anchor_page >= n_pages)
    {
      self->anchor_page = MAX (n_pages - 1, 0);
      self->anchor_fraction = 0;
    }
  update_description (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  if (old_page != self->page)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  if (resized)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

int
dlb_memo_view_get_n_pages (DlbMemoView *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_VIEW (self), 0);

  return (int) self->papers->len;
}

int
dlb_memo_view_get_page (DlbMemoView *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_VIEW (self), 0);

  return self->page;
}

void
dlb_memo_view_set_page (DlbMemoView *self,
                        int          page)
{
  g_return_if_fail (DLB_IS_MEMO_VIEW (self));

  if (self->papers->len == 0)
    return;

  page = CLAMP (page, 0, (int) self->papers->len - 1);
  self->anchor_page = page;
  self->anchor_fraction = 0;
  restore_anchor (self);
  set_current_page (self, page);
}

double
dlb_memo_view_get_zoom (DlbMemoView *self)
{
  int width, height;

  g_return_val_if_fail (DLB_IS_MEMO_VIEW (self), 1.0);

  if (!self->fit_width || self->page_width <= 0)
    return self->zoom;

  page_size_px (self, gtk_adjustment_get_page_size (self->hadjustment), &width, &height);
  return CLAMP (width / (self->page_width * PIXELS_PER_POINT),
                DLB_MEMO_VIEW_MIN_ZOOM, DLB_MEMO_VIEW_MAX_ZOOM);
}

void
dlb_memo_view_set_zoom (DlbMemoView *self,
                        double       zoom)
{
  gboolean was_fitting;

  g_return_if_fail (DLB_IS_MEMO_VIEW (self));

  zoom = CLAMP (zoom, DLB_MEMO_VIEW_MIN_ZOOM, DLB_MEMO_VIEW_MAX_ZOOM);
  if (!self->fit_width && zoom == self->zoom)
    return;

  was_fitting = self->fit_width;
  self->fit_width = FALSE;
  self->zoom = zoom;
  gtk_widget_set_halign (self->box, GTK_ALIGN_CENTER);
  resize_papers (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  if (was_fitting)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_WIDTH]);
}

gboolean
dlb_memo_view_get_fit_width (DlbMemoView *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_VIEW (self), FALSE);

  return self->fit_width;
}

void
dlb_memo_view_set_fit_width (DlbMemoView *self,
                             gboolean     fit_width)
{
  g_return_if_fail (DLB_IS_MEMO_VIEW (self));

  fit_width = !!fit_width;
  if (fit_width == self->fit_width)
    return;

  /* Leaving fit-width mode keeps the size the pages had. */
  if (!fit_width)
    self->zoom = dlb_memo_view_get_zoom (self);
  self->fit_width = fit_width;
  gtk_widget_set_halign (self->box, fit_width ? GTK_ALIGN_FILL : GTK_ALIGN_CENTER);
  resize_papers (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_WIDTH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
dlb_memo_view_zoom_in (DlbMemoView *self)
{
  double zoom;
  guint i;

  g_return_if_fail (DLB_IS_MEMO_VIEW (self));

  zoom = dlb_memo_view_get_zoom (self);
  for (i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    if (zoom_steps[i] > zoom * 1.001)
      {
        dlb_memo_view_set_zoom (self, zoom_steps[i]);
        return;
      }
  dlb_memo_view_set_zoom (self, DLB_MEMO_VIEW_MAX_ZOOM);
}

void
dlb_memo_view_zoom_out (DlbMemoView *self)
{
  double zoom;
  guint i;

  g_return_if_fail (DLB_IS_MEMO_VIEW (self));

  zoom = dlb_memo_view_get_zoom (self);
  for (i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
    if (zoom_steps[i - 1] < zoom * 0.999)
      {
        dlb_memo_view_set_zoom (self, zoom_steps[i - 1]);
        return;
      }
  dlb_memo_view_set_zoom (self, DLB_MEMO_VIEW_MIN_ZOOM);
}

guint
dlb_memo_view_get_n_drawn (DlbMemoView *self)
{
  guint i, n = 0;

  g_return_val_if_fail (DLB_IS_MEMO_VIEW (self), 0);

  for (i = 0; i < self->papers->len; i++)
    if (DLB_MEMO_PAPER (g_ptr_array_index (self->papers, i))->texture != NULL)
      n++;
  return n;
}

gboolean
dlb_memo_view_is_drawn (DlbMemoView *self,
                        int          page)
{
  g_return_val_if_fail (DLB_IS_MEMO_VIEW (self), FALSE);

  if (page < 0 || page >= (int) self->papers->len)
    return FALSE;
  return paper_is_fresh (g_ptr_array_index (self->papers, page));
}
