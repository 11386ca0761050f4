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
 * row's position names the key's value by its place in the schema's range.
 * The binding goes both ways: a change of the key from elsewhere (another
 * window, dconf) moves the row too. */
static gboolean
enum_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  GVariant *nicks = user_data;
  const char *current = g_variant_get_string (variant, NULL);

  for (gsize i = 0; i < g_variant_n_children (nicks); i++)
    {
      const char *nick;

      g_variant_get_child (nicks, i, "&s", &nick);
      if (g_str_equal (nick, current))
        {
          g_value_set_uint (value, (guint) i);
          return TRUE;
        }
    }
  return FALSE;
}

static GVariant *
position_to_enum (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  GVariant *nicks = user_data;
  guint selected = g_value_get_uint (value);
  const char *nick;

  if (selected >= g_variant_n_children (nicks))
    return NULL;

  g_variant_get_child (nicks, selected, "&s", &nick);
  return g_variant_new_string (nick);
}

static void
bind_enum (DlbPreferencesWindow *self,
           AdwComboRow          *row,
           const char           *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  GVariant *values = NULL;
  const char *type;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &type, &values);
  g_assert (g_str_equal (type, "enum"));

  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                enum_to_position, position_to_enum,
                                values, (GDestroyNotify) g_variant_unref);
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
  dlb_name_choices (GTK_WIDGET (self->paper_row));
  dlb_name_choices (GTK_WIDGET (self->weighting_row));

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
}

GtkWidget *
dlb_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (DLB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
