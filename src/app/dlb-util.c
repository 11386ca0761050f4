/* dlb-util.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-app"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "dlb-util.h"

const char *
dlb_label_for_field (DlbKind     kind,
                     const char *field_name)
{
  return dlb_field_get_label (kind, field_name);
}

const char *
dlb_css_class_for_status (DlbFindingStatus status)
{
  switch (status)
    {
    case DLB_FINDING_OPEN: return "status-open";
    case DLB_FINDING_CONDITION_REQUIRED: return "status-condition";
    case DLB_FINDING_RESOLVED: return "status-resolved";
    case DLB_FINDING_ACCEPTED: return "status-accepted";
    default: return "status-open";
    }
}
char *
dlb_format_relative_time (GDateTime *time,
                          GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan span;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  span = g_date_time_difference (now, time);
  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  if (span < G_TIME_SPAN_HOUR)
    {
      int minutes = (int) (span / G_TIME_SPAN_MINUTE);
      /* Translators: how long ago a change was made */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", minutes),
                              minutes);
    }
  if (span < G_TIME_SPAN_DAY)
    {
      int hours = (int) (span / G_TIME_SPAN_HOUR);
      /* Translators: how long ago a change was made */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", hours),
                              hours);
    }

  local = g_date_time_to_local (time);
  /* Translators: the date of an older change, see strftime(3) */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

GtkWidget *
dlb_choice_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body,
                       const char *close_id,
                       const char *close_label,
                       const char *suggested_id,
                       const char *suggested_label)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    close_id, close_label,
                                    suggested_id, suggested_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), suggested_id,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), suggested_id);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), close_id);

  return dialog;
}

void
dlb_show_toast (GtkWidget  *widget,
                const char *message)
{
  g_autofree char *escaped = NULL;
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      GtkWidget *child = NULL;

      if (ADW_IS_WINDOW (root))
        child = adw_window_get_content (ADW_WINDOW (root));
      else if (ADW_IS_APPLICATION_WINDOW (root))
        child = adw_application_window_get_content (ADW_APPLICATION_WINDOW (root));

      if (child != NULL && ADW_IS_TOAST_OVERLAY (child))
        overlay = child;
    }

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }

  /* Toast titles are markup; an error message may hold "&" or "<". */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

GtkLabel *
dlb_row_label_new (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return GTK_LABEL (label);
}

void
dlb_apply_profile (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  /* libadwaita stripes the header bar of a window with this class, so a
   * development build is never mistaken for the stable app. */
  if (DEVELOPMENT_PROFILE)
    gtk_widget_add_css_class (GTK_WIDGET (window), "devel");
}

GSettings *
dlb_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; window size and preferences will not be kept",
                 APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* The wheel over a slider that does not have the keyboard focus scrolls
 * what the slider is in, as if the slider were not there: a person
 * scrolling down a page of sliders should not change the weight that
 * passes under the pointer. */
static gboolean
on_scale_scroll (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 gpointer                  user_data)
{
  GtkWidget *scale = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  double page, delta;

  if (gtk_widget_has_focus (scale))
    return FALSE;

  scrolled = gtk_widget_get_ancestor (scale, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return TRUE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  page = gtk_adjustment_get_page_size (adjustment);
  delta = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
          ? dy * pow (page, 2.0 / 3.0) : dy;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + delta);
  return TRUE;
}

void
dlb_scale_scroll_when_focused (GtkWidget *scale)
{
  GtkEventController *scroll;

  g_return_if_fail (GTK_IS_RANGE (scale));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scale_scroll), NULL);
  gtk_widget_add_controller (scale, scroll);
}

#define HANDLED_KEYS "dlb-handled-keys"

GtkEventController *
dlb_key_controller_new (const char * const *keys)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  g_return_val_if_fail (keys != NULL, controller);

  g_object_set_data (G_OBJECT (controller), HANDLED_KEYS, (gpointer) keys);
  return controller;
}

const char * const *
dlb_key_controller_get_keys (GtkEventController *controller)
{
  g_return_val_if_fail (GTK_IS_EVENT_CONTROLLER (controller), NULL);

  return g_object_get_data (G_OBJECT (controller), HANDLED_KEYS);
}

/* A spinner for a wait that is often too short to notice: it takes its
 * place at once, so that nothing moves when it appears, but is drawn only
 * once the wait has gone on for SPINNER_DELAY_MS each time it is shown. */
#define SPINNER_DELAY_MS 400

static gboolean
on_spinner_delay (gpointer data)
{
  GtkWidget *spinner = data;

  g_object_set_data (G_OBJECT (spinner), "dlb-spinner-delay", NULL);
  gtk_widget_set_opacity (spinner, 1.0);
  gtk_spinner_start (GTK_SPINNER (spinner));
  return G_SOURCE_REMOVE;
}

static void
on_spinner_unmap (GtkWidget *spinner)
{
  guint id = GPOINTER_TO_UINT (g_object_steal_data (G_OBJECT (spinner), "dlb-spinner-delay"));

  if (id != 0)
    g_source_remove (id);
  gtk_spinner_stop (GTK_SPINNER (spinner));
  gtk_widget_set_opacity (spinner, 0.0);
}

static void
on_spinner_map (GtkWidget *spinner)
{
  guint id;

  on_spinner_unmap (spinner);
  id = g_timeout_add (SPINNER_DELAY_MS, on_spinner_delay, spinner);
  g_object_set_data (G_OBJECT (spinner), "dlb-spinner-delay", GUINT_TO_POINTER (id));
}

void
dlb_spinner_show_after_delay (GtkSpinner *spinner)
{
  g_return_if_fail (GTK_IS_SPINNER (spinner));

  gtk_widget_set_opacity (GTK_WIDGET (spinner), 0.0);
  g_signal_connect (spinner, "map", G_CALLBACK (on_spinner_map), NULL);
  g_signal_connect (spinner, "unmap", G_CALLBACK (on_spinner_unmap), NULL);
}

static void
choice_selected_changed (GtkListItem *item,
                         GParamSpec  *pspec,
                         GtkWidget   *check)
{
  gtk_widget_set_opacity (check, gtk_list_item_get_selected (item) ? 1 : 0);
}

static void
choice_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  with_check)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (with_check)
    {
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_box_append (GTK_BOX (box), check);
      g_signal_connect_object (item, "notify::selected", G_CALLBACK (choice_selected_changed), check, 0);
    }
  gtk_list_item_set_child (item, box);
}

static void
choice_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *row = gtk_widget_get_parent (box);
  gpointer object = gtk_list_item_get_item (item);
  const char *text = GTK_IS_STRING_OBJECT (object) ? gtk_string_object_get_string (object) : "";

  gtk_label_set_text (GTK_LABEL (label), text);
  if (gtk_widget_get_last_child (box) != label)
    choice_selected_changed (item, NULL, gtk_widget_get_last_child (box));
  /* The row a screen reader lists is the list's own, around the child:
   * GTK 4.8 has no list item API to name it. */
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static GtkListItemFactory *
choice_factory_new (gboolean with_check)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (choice_setup), GINT_TO_POINTER (with_check));
  g_signal_connect (factory, "bind", G_CALLBACK (choice_bind), NULL);
  return factory;
}

void
dlb_name_choices (GtkWidget *chooser)
{
  g_autoptr(GtkListItemFactory) list_factory = choice_factory_new (TRUE);

  g_return_if_fail (GTK_IS_DROP_DOWN (chooser) || ADW_IS_COMBO_ROW (chooser));

  if (GTK_IS_DROP_DOWN (chooser))
    gtk_drop_down_set_list_factory (GTK_DROP_DOWN (chooser), list_factory);
  else
    {
      /* A combo row shows the choice made in an item of its own. */
      g_autoptr(GtkListItemFactory) factory = choice_factory_new (FALSE);

      adw_combo_row_set_factory (ADW_COMBO_ROW (chooser), factory);
      adw_combo_row_set_list_factory (ADW_COMBO_ROW (chooser), list_factory);
    }
}
