/* test-a11y.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dlb-application.h"
#include "dlb-example.h"
#include "dlb-store.h"
#include "dlb-test-util.h"
#include "dlb-window.h"

/* What a screen reader and a keyboard user get of the example's window,
 * run with GTK_A11Y=test: every control on every page has a name and the
 * role of what it is, Alt+1…6 show the pages, and Tab reaches every
 * page's controls without getting stuck. */

static char *tmp_dir;
static DlbApplication *app;

typedef struct
{
  DlbStore  *store;
  GtkWidget *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DlbCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "example.deliberate", NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_remove (path);
  kase = dlb_example_load (&error);
  g_assert_no_error (error);
  f->store = dlb_store_create (path, kase, &error);
  g_assert_no_error (error);

  f->window = GTK_WIDGET (dlb_window_new (GTK_APPLICATION (app), f->store));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (f->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (f->window));
  dlb_test_wait_for_analysis (dlb_store_get_case (f->store));
  dlb_test_spin_main_loop ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  dlb_test_spin_main_loop ();
  dlb_store_close (f->store);
  g_clear_object (&f->store);
}

static GtkWidget *
visible_page (Fixture *f)
{
  return dlb_window_get_visible_page (DLB_WINDOW (f->window));
}

/* The shortcut the application's accelerator for @detailed_action puts on
 * the window, found by its key and run as the key would run it. */
static void
press_accelerator (Fixture    *f,
                   const char *detailed_action)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), detailed_action);
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GtkShortcutTrigger) trigger = NULL;
  gboolean pressed = FALSE;

  g_assert_nonnull (accels[0]);
  trigger = gtk_shortcut_trigger_parse_string (accels[0]);
  g_assert_nonnull (trigger);

  controllers = gtk_widget_observe_controllers (f->window);
  for (guint i = 0; !pressed && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint s = 0; !pressed && s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            continue;
          g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, f->window,
                                                       gtk_shortcut_get_arguments (shortcut)));
          pressed = TRUE;
        }
    }
  if (!pressed)
    g_error ("no shortcut of the window answers %s (%s)", accels[0], detailed_action);
  dlb_test_spin_main_loop ();
}

static void
show_page_by_key (Fixture    *f,
                  const char *name)
{
  g_autofree char *action = g_strdup_printf ("win.show-page::%s", name);

  press_accelerator (f, action);
  g_assert_true (visible_page (f) == dlb_window_get_page (DLB_WINDOW (f->window), name));
  g_assert_true (gtk_widget_get_mapped (visible_page (f)));
}

/* "GtkToggleButton in GtkMenuButton in DlbOverviewPage": where a widget
 * is, for a failure's message. */
static char *
describe (GtkWidget *widget)
{
  GString *out = g_string_new (G_OBJECT_TYPE_NAME (widget));
  guint depth = 0;

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL && depth < 3; w = gtk_widget_get_parent (w))
    {
      if (!g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "GtkBox"))
        {
          g_string_append_printf (out, " in %s", G_OBJECT_TYPE_NAME (w));
          depth++;
        }
    }
  return g_string_free (out, FALSE);
}

/* Alt+1…6 show the pages in the order of the view switcher. */
static void
test_alt_number_shows_page (Fixture       *f,
                            gconstpointer  data)
{
  const char * const *pages = dlb_window_get_page_names ();
  guint n = g_strv_length ((char **) pages);

  g_assert_cmpuint (n, ==, 6);
  /* From the last page, so that every key has a page to leave. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (visible_page (f),
                                                                                  ADW_TYPE_VIEW_STACK)),
                                         pages[n - 1]);
  dlb_test_spin_main_loop ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page::%s", pages[i]);
      g_autofree char *expected = g_strdup_printf ("<Alt>%u", i + 1);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

      g_assert_cmpuint (g_strv_length (accels), ==, 1);
      g_assert_cmpstr (accels[0], ==, expected);
      show_page_by_key (f, pages[i]);
    }

  /* An unknown page leaves the window where it is. */
  gtk_widget_activate_action (f->window, "win.show-page", "s", "nowhere");
  dlb_test_spin_main_loop ();
  g_assert_true (visible_page (f) == dlb_window_get_page (DLB_WINDOW (f->window), pages[n - 1]));
}

/* The controls a person operates, by the class that makes them one, and
 * the roles a screen reader may be told each of them has. */
typedef struct
{
  const char        *type_name;
  const char        *what;
  GtkAccessibleRole  roles[3];
  /* A picture of figures says them in words too. */
  gboolean           described;
} ControlKind;

static const ControlKind control_kinds[] = {
  { "AdwEntryRow", "entry", { GTK_ACCESSIBLE_ROLE_TEXT_BOX } },
  { "AdwComboRow", "drop-down", { GTK_ACCESSIBLE_ROLE_COMBO_BOX } },
  { "GtkListBoxRow", "list row", { GTK_ACCESSIBLE_ROLE_LIST_ITEM, GTK_ACCESSIBLE_ROLE_BUTTON } },
  /* A list view's rows, and the choice a combo row shows. */
  { "GtkListItemWidget", "list item", { GTK_ACCESSIBLE_ROLE_LIST_ITEM } },
  { "GtkCheckButton", "check box", { GTK_ACCESSIBLE_ROLE_CHECKBOX, GTK_ACCESSIBLE_ROLE_RADIO } },
  { "GtkMenuButton", "menu button", { GTK_ACCESSIBLE_ROLE_BUTTON } },
  { "GtkButton", "button", { GTK_ACCESSIBLE_ROLE_BUTTON, GTK_ACCESSIBLE_ROLE_TAB } },
  { "GtkDropDown", "drop-down", { GTK_ACCESSIBLE_ROLE_COMBO_BOX } },
  { "GtkSpinButton", "spin button", { GTK_ACCESSIBLE_ROLE_SPIN_BUTTON } },
  { "GtkEntry", "entry", { GTK_ACCESSIBLE_ROLE_TEXT_BOX } },
  { "GtkSearchEntry", "entry", { GTK_ACCESSIBLE_ROLE_SEARCH_BOX } },
  { "GtkPasswordEntry", "entry", { GTK_ACCESSIBLE_ROLE_TEXT_BOX } },
  { "GtkTextView", "text view", { GTK_ACCESSIBLE_ROLE_TEXT_BOX } },
  { "GtkSwitch", "switch", { GTK_ACCESSIBLE_ROLE_SWITCH } },
  { "GtkScale", "slider", { GTK_ACCESSIBLE_ROLE_SLIDER } },
  { "DlbChartView", "chart", { GTK_ACCESSIBLE_ROLE_IMG }, TRUE },
  { "DlbMemoView", "memo page", { GTK_ACCESSIBLE_ROLE_IMG, GTK_ACCESSIBLE_ROLE_GROUP }, TRUE },
};

static const ControlKind *
control_kind (GtkWidget *widget)
{
  for (guint i = 0; i < G_N_ELEMENTS (control_kinds); i++)
    {
      GType type = g_type_from_name (control_kinds[i].type_name);

      if (type != 0 && g_type_is_a (G_OBJECT_TYPE (widget), type))
        return &control_kinds[i];
    }
  return NULL;
}

/* The parts GTK builds a control of (a drop-down's button, a menu
 * button's toggle, a spin button's arrows) are the control to a screen
 * reader: the control's name is theirs. */
static gboolean
is_part_of_control (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  GtkWidget *drop_down;
  GtkWidget *popover;

  if (parent == NULL)
    return FALSE;
  drop_down = gtk_widget_get_ancestor (parent, GTK_TYPE_DROP_DOWN);
  popover = gtk_widget_get_ancestor (parent, GTK_TYPE_POPOVER);
  if (GTK_IS_DROP_DOWN (parent) || GTK_IS_MENU_BUTTON (parent) || GTK_IS_SPIN_BUTTON (parent))
    return TRUE;
  /* The choice a drop-down's button shows, outside the drop-down's list. */
  if (drop_down != NULL && (popover == NULL || !gtk_widget_is_ancestor (popover, drop_down)))
    return TRUE;
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_NONE;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* GTK 4.8 names a widget with its label property, else with the text of
 * the widgets it is labelled by. */
static gboolean
has_name (GtkWidget *widget,
          GPtrArray *labels)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);
  g_autofree char *differs = NULL;
  g_autofree char *labelled = NULL;

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      differs = gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "");
      if (differs != NULL)
        return TRUE;
    }

  if (!gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;
  labelled = gtk_test_accessible_check_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY, NULL);
  if (labelled == NULL)
    return FALSE;  /* labelled by nothing */
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      g_autofree char *other = gtk_test_accessible_check_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                   label, NULL);

      if (other == NULL)
        return *gtk_label_get_text (label) != '\0';
    }
  return FALSE;
}

static gboolean
has_description (GtkWidget *widget)
{
  g_autofree char *differs = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION))
    return FALSE;
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
  return differs != NULL;
}

typedef struct
{
  GPtrArray  *labels;
  GString    *problems;
  guint       n_checked;
  GHashTable *kinds;
} Survey;

static void
survey_controls (GtkWidget  *widget,
                 const char *page,
                 Survey     *survey)
{
  const ControlKind *kind;

  if (!gtk_widget_get_mapped (widget))
    return;

  kind = control_kind (widget);
  if (kind != NULL && !is_part_of_control (widget) &&
      (!GTK_IS_LIST_BOX_ROW (widget) || gtk_widget_get_focusable (widget) ||
       gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget))))
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
      gboolean role_ok = FALSE;

      /* The unused places of the list are 0, which is also the role
       * "alert": only the first place may mean it. */
      for (guint r = 0; r < G_N_ELEMENTS (kind->roles); r++)
        role_ok |= kind->roles[r] == role && (r == 0 || role != 0);
      survey->n_checked++;
      g_hash_table_add (survey->kinds, (gpointer) kind->what);
      if (!role_ok)
        {
          GEnumClass *roles = g_type_class_ref (GTK_TYPE_ACCESSIBLE_ROLE);
          GEnumValue *value = g_enum_get_value (roles, role);

          g_string_append_printf (survey->problems, "\n  %s: a %s (%s, %s) has the role %s",
                                  page, kind->what, G_OBJECT_TYPE_NAME (widget),
                                  gtk_widget_get_name (widget), value != NULL ? value->value_nick : "?");
          g_type_class_unref (roles);
        }
      if (kind->described && !has_description (widget))
        g_string_append_printf (survey->problems, "\n  %s: a %s (%s, %s) does not say what it shows",
                                page, kind->what, G_OBJECT_TYPE_NAME (widget), gtk_widget_get_name (widget));
      if (!has_name (widget, survey->labels))
        g_string_append_printf (survey->problems, "\n  %s: a %s (%s, %s, in %s) has no accessible name",
                                page, kind->what, G_OBJECT_TYPE_NAME (widget), gtk_widget_get_name (widget),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    survey_controls (child, page, survey);
}

/* Every control on every page, the header bar's included, has a name and
 * the role of what it is; a failure lists the unnamed ones by page. */
static void
test_every_control_named (Fixture       *f,
                          gconstpointer  data)
{
  const char * const *pages = dlb_window_get_page_names ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  Survey survey = { labels, problems, 0, kinds };

  for (guint i = 0; pages[i] != NULL; i++)
    {
      guint before = survey.n_checked;

      show_page_by_key (f, pages[i]);
      g_ptr_array_set_size (labels, 0);
      collect_labels (f->window, labels);
      survey_controls (f->window, pages[i], &survey);
      g_test_message ("%s: %u controls", pages[i], survey.n_checked - before);
      /* Each page has controls of its own besides the header bar's. */
      g_assert_cmpuint (survey.n_checked - before, >, 6);
    }

  if (problems->len > 0)
    g_error ("controls a screen reader cannot name:%s", problems->str);

  /* The survey saw the kinds of control the example's pages hold: a
   * walk that found nothing would pass too. */
  g_assert_true (g_hash_table_contains (kinds, "button"));
  g_assert_true (g_hash_table_contains (kinds, "list row"));
  g_assert_true (g_hash_table_contains (kinds, "chart"));
  g_assert_true (g_hash_table_contains (kinds, "slider"));
  g_assert_true (g_hash_table_contains (kinds, "drop-down"));
  g_assert_true (g_hash_table_contains (kinds, "menu button"));
}

/* From the window, Tab alone goes through every control of each page and
 * back round to where it began: each step lands on a control a person can
 * see and use, and none holds on to the focus. */
static void
test_keyboard_walk (Fixture       *f,
                    gconstpointer  data)
{
  const char * const *pages = dlb_window_get_page_names ();

  for (guint i = 0; pages[i] != NULL; i++)
    {
      GtkWidget *page;
      GtkWidget *first = NULL;
      GtkWidget *previous = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      guint in_page = 0;
      guint steps;

      show_page_by_key (f, pages[i]);
      page = visible_page (f);
      gtk_window_set_focus (GTK_WINDOW (f->window), NULL);

      for (steps = 0; steps < 1000; steps++)
        {
          GtkWidget *focus;

          /* Past the last control, Tab starts again from the first. */
          if (!gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD))
            {
              gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
              gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD);
            }
          dlb_test_spin_main_loop ();
          focus = gtk_root_get_focus (GTK_ROOT (f->window));

          if (focus == NULL)
            g_error ("%s: Tab %u left nothing focused", pages[i], steps + 1);
          if (focus == previous)
            g_error ("%s: Tab %u stays on %s", pages[i], steps + 1, describe (focus));
          if (!gtk_widget_get_mapped (focus) || !gtk_widget_is_sensitive (focus))
            g_error ("%s: Tab %u lands on %s, which is hidden or disabled", pages[i], steps + 1,
                     describe (focus));
          /* Still on the page that was shown: Tab never switches pages. */
          g_assert_true (visible_page (f) == page);

          if (focus == first)
            break;
          if (g_hash_table_contains (seen, focus))
            g_error ("%s: Tab goes round %s without coming back to where it began", pages[i],
                     describe (focus));
          g_hash_table_add (seen, focus);
          if (first == NULL)
            first = focus;
          if (gtk_widget_is_ancestor (focus, page))
            in_page++;
          previous = focus;
        }

      g_test_message ("%s: %u stops, %u on the page", pages[i], g_hash_table_size (seen), in_page);
      if (steps == 1000)
        g_error ("%s: Tab never comes back round", pages[i]);
      /* The round takes in the page and the header bar both. */
      g_assert_cmpuint (in_page, >, 0);
      g_assert_cmpuint (g_hash_table_size (seen), >, in_page);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("deliberate-a11y-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_init (&argc, &argv, NULL);
  dlb_test_init_store ();

  if (!dlb_test_init_widgets ("test-a11y", "/app/a11y/no-display"))
    {
      g_rmdir (tmp_dir);
      return g_test_run ();
    }

  app = dlb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add ("/app/a11y/alt-number-shows-page", Fixture, NULL,
              fixture_set_up, test_alt_number_shows_page, fixture_tear_down);
  g_test_add ("/app/a11y/every-control-named", Fixture, NULL,
              fixture_set_up, test_every_control_named, fixture_tear_down);
  g_test_add ("/app/a11y/keyboard-walk", Fixture, NULL,
              fixture_set_up, test_keyboard_walk, fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_remove (path);
      }
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
