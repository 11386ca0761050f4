/* dlb-util.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-app"

#include "config.h"

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
dlb_label_for_group (DlbGroup group)
{
  switch (group)
    {
    case DLB_GROUP_GOVERNMENT: return _("Government");
    case DLB_GROUP_POLICE: return _("Police");
    case DLB_GROUP_VENDOR: return _("Vendor");
    case DLB_GROUP_RESIDENTS: return _("Residents");
    case DLB_GROUP_CIVIL_SOCIETY: return _("Civil Society");
    case DLB_GROUP_MEDIA: return _("Media");
    case DLB_GROUP_POLITICAL: return _("Political");
    case DLB_GROUP_OTHER: return _("Other");
    default: return _("Other");
    }
}

const char *
dlb_label_for_status (DlbFindingStatus status)
{
  switch (status)
    {
    case DLB_FINDING_OPEN: return _("Open");
    case DLB_FINDING_CONDITION_REQUIRED: return _("Condition Required");
    case DLB_FINDING_RESOLVED: return _("Resolved");
    case DLB_FINDING_ACCEPTED: return _("Accepted");
    default: return _("Open");
    }
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

/* Severity and likelihood of a privacy finding, as the CNIL's privacy
 * impact scale names its four levels. */
const char *
dlb_label_for_level (int level)
{
  switch (level)
    {
    case 1: return _("Negligible");
    case 2: return _("Limited");
    case 3: return _("Significant");
    case 4: return _("Maximum");
    default: return "";
    }
}

const char *
dlb_label_for_stance (int stance)
{
  switch (stance)
    {
    case -2: return _("Strongly opposed");
    case -1: return _("Opposed");
    case 0: return _("Neutral");
    case 1: return _("Supportive");
    case 2: return _("Strongly supportive");
    default: return "";
    }
}

const char *
dlb_label_for_enum_value (GType enum_type,
                          int   value)
{
  if (enum_type == DLB_TYPE_GROUP)
    return dlb_label_for_group (value);
  if (enum_type == DLB_TYPE_FINDING_STATUS)
    return dlb_label_for_status (value);

  if (enum_type == DLB_TYPE_RELIABILITY)
    switch (value)
      {
      case DLB_RELIABILITY_VERIFIED: return _("Verified");
      case DLB_RELIABILITY_REPORTED: return _("Reported");
      case DLB_RELIABILITY_VENDOR_CLAIM: return _("Vendor Claim");
      default: break;
      }

  if (enum_type == DLB_TYPE_ITEM_KIND)
    switch (value)
      {
      case DLB_ITEM_OPPORTUNITY: return _("Opportunity");
      case DLB_ITEM_RISK: return _("Risk");
      default: break;
      }

  if (enum_type == DLB_TYPE_PAPER_SIZE)
    switch (value)
      {
      case DLB_PAPER_AUTO: return _("Automatic");
      case DLB_PAPER_LETTER: return _("US Letter");
      case DLB_PAPER_A4: return _("A4");
      default: break;
      }

  if (enum_type == DLB_TYPE_WEIGHTING)
    switch (value)
      {
      case DLB_WEIGHTING_DIRECT: return _("Direct Points");
      case DLB_WEIGHTING_RANKING: return _("Ranking");
      case DLB_WEIGHTING_AHP: return _("Pairwise Comparison");
      case DLB_WEIGHTING_SWING: return _("Swing Weighting");
      default: break;
      }

  return dlb_enum_to_nick (enum_type, value);
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
