/* dlb-preferences-window.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-preferences-window.h"
#include "dlb-util.h"

/* Settings that shape new cases and the memo; every row is a view of its
 * GSettings key. */
struct _DlbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *author_row;
  AdwEntryRow          *office_row;
  AdwComboRow          *paper_row;
  AdwComboRow          *weighting_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (DlbPreferencesWindow, dlb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo rows list an enum key's choices in the schema's order, so a
 * row's position names the key's value by its place in the schema's range. */
static void
bind_enum (DlbPreferencesWindow *self,
           AdwComboRow          *row,
           const char           *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) values = NULL;
  g_autofree char *current = g_settings_get_string (self->settings, key);
  const char *type;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &type, &values);

  for (gsize i = 0; i < g_variant_n_children (values); i++)
    {
      const char *nick;

      g_variant_get_child (values, i, "&s", &nick);
      if (g_str_equal (nick, current))
        adw_combo_row_set_selected (row, (guint) i);
    }

  g_object_set_data_full (G_OBJECT (row), "key", g_strdup (key), g_free);
  g_object_set_data_full (G_OBJECT (row), "nicks", g_variant_ref (values), (GDestroyNotify) g_variant_unref);
}

static void
on_enum_selected (AdwComboRow          *row,
                  GParamSpec           *pspec,
                  DlbPreferencesWindow *self)
{
  GVariant *nicks = g_object_get_data (G_OBJECT (row), "nicks");
  const char *key = g_object_get_data (G_OBJECT (row), "key");
  guint selected = adw_combo_row_get_selected (row);
  const char *nick;

  if (self->settings == NULL || nicks == NULL || selected >= g_variant_n_children (nicks))
    return;

  g_variant_get_child (nicks, selected, "&s", &nick);
  g_settings_set_string (self->settings, key, nick);
}

static void
dlb_preferences_window_dispose (GObject *object)
{
  DlbPreferencesWindow *self = DLB_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dlb_preferences_window_parent_class)->dispose (object);
}

static void
dlb_preferences_window_class_init (DlbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbPreferencesWindow, author_row);
  gtk_widget_class_bind_template_child (widget_class, DlbPreferencesWindow, office_row);
  gtk_widget_class_bind_template_child (widget_class, DlbPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, DlbPreferencesWindow, weighting_row);
}

static void
dlb_preferences_window_init (DlbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = dlb_settings_new ();
  if (self->settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }

  g_settings_bind (self->settings, "memo-author", self->author_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "memo-office", self->office_row, "text", G_SETTINGS_BIND_DEFAULT);
  bind_enum (self, self->paper_row, "paper-size");
  bind_enum (self, self->weighting_row, "weighting-method");
  g_signal_connect (self->paper_row, "notify::selected", G_CALLBACK (on_enum_selected), self);
  g_signal_connect (self->weighting_row, "notify::selected", G_CALLBACK (on_enum_selected), self);
}

GtkWidget *
dlb_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (DLB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
