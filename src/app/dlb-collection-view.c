/* dlb-collection-view.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-collection-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-collection-view.h"
#include "dlb-util.h"

/* A list of one kind of entity beside the editor of the selected one. The
 * list is bound to the case's list model, so it shows exactly what the case
 * holds; on a narrow window the two fold into one column and selecting a
 * row moves to its editor. */
struct _DlbCollectionView
{
  AdwBin            parent_instance;

  AdwLeaflet       *leaflet;
  GtkBox           *list_column;
  GtkWidget        *list_heading;
  GtkWidget        *header;
  GtkLabel         *list_title;
  GtkButton        *add_button;
  GtkListBox       *list_box;
  GtkLabel         *editor_title;
  GtkButton        *remove_button;
  GtkButton        *up_button;
  GtkButton        *down_button;
  GtkStack         *editor_stack;
  AdwStatusPage    *empty_page;
  DlbEntityEditor  *editor;

  DlbCase          *kase;
  DlbKind           kind;
  DlbRowFactory     row_factory;
  DlbEntityFactory  entity_factory;
  gpointer          user_data;
  gulong            title_notify_id;
  DlbEntity        *title_entity;
  gulong            changed_id;
  GPtrArray        *toasts;      /* deletions' toasts still up */
};

G_DEFINE_FINAL_TYPE (DlbCollectionView, dlb_collection_view, ADW_TYPE_BIN)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  DlbCollectionView *self = user_data;

  return self->row_factory (DLB_ENTITY (item), self->user_data);
}

static void
update_editor_title (DlbCollectionView *self)
{
  gtk_label_set_text (self->editor_title,
                      self->title_entity != NULL ? dlb_entity_get_display_name (self->title_entity) : "");
}

static void
update_move_buttons (DlbCollectionView *self)
{
  GtkListBoxRow *row = self->list_box != NULL ? gtk_list_box_get_selected_row (self->list_box) : NULL;
  guint n = self->kase != NULL ? g_list_model_get_n_items (dlb_case_get_list (self->kase, self->kind)) : 0;
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  gboolean editable = self->kase != NULL && !dlb_case_get_read_only (self->kase);

  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), editable && index > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), editable && index >= 0 && (guint) index + 1 < n);
}

static void
show_entity (DlbCollectionView *self,
             DlbEntity         *entity)
{
  if (self->title_entity != NULL)
    g_clear_signal_handler (&self->title_notify_id, self->title_entity);
  g_clear_object (&self->title_entity);

  dlb_entity_editor_set_entity (self->editor, entity != NULL ? self->kase : NULL, entity);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button), entity != NULL);
  update_move_buttons (self);
  gtk_stack_set_visible_child_name (self->editor_stack, entity != NULL ? "editor" : "empty");

  if (entity != NULL)
    {
      self->title_entity = g_object_ref (entity);
      self->title_notify_id = g_signal_connect_object (entity, "notify", G_CALLBACK (update_editor_title),
                                                       self, G_CONNECT_SWAPPED);
    }
  update_editor_title (self);
}

static DlbEntity *
entity_at (DlbCollectionView *self,
           GtkListBoxRow     *row)
{
  g_autoptr(DlbEntity) entity = NULL;

  if (row == NULL || self->kase == NULL)
    return NULL;

  entity = g_list_model_get_item (dlb_case_get_list (self->kase, self->kind),
                                  gtk_list_box_row_get_index (row));
  return entity;  /* borrowed: the case's list keeps it */
}

static void
on_row_selected (DlbCollectionView *self,
                 GtkListBoxRow     *row)
{
  DlbEntity *entity = entity_at (self, row);

  show_entity (self, entity);
  if (entity == NULL && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
on_row_activated (DlbCollectionView *self,
                  GtkListBoxRow     *row)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

static void
on_back_clicked (DlbCollectionView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Once the new row has its place, scroll the list to it. */
static gboolean
scroll_to_selected (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  DlbCollectionView *self = DLB_COLLECTION_VIEW (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->list_box), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = scroller != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)) : NULL;
  graphene_rect_t bounds;

  if (row == NULL || content == NULL)
    return G_SOURCE_REMOVE;

  /* Tick callbacks run before layout: wait for the frame that places it. */
  if (gtk_widget_get_height (GTK_WIDGET (row)) == 0)
    return G_SOURCE_CONTINUE;

  if (gtk_widget_compute_bounds (GTK_WIDGET (row), gtk_widget_get_first_child (content), &bounds))
    gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                               bounds.origin.y, bounds.origin.y + bounds.size.height);

  return G_SOURCE_REMOVE;
}

static void
on_add_clicked (DlbCollectionView *self)
{
  g_autoptr(DlbEntity) entity = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  if (self->kase == NULL || self->entity_factory == NULL)
    return;

  entity = self->entity_factory (self->user_data);
  if (!dlb_case_insert (self->kase, entity, -1, &error))
    {
      dlb_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  position = g_list_model_get_n_items (dlb_case_get_list (self->kase, self->kind)) - 1;
  dlb_collection_view_select (self, position);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_selected, NULL, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");

  /* The name or title: the one to type next. */
  {
    GtkWidget *control = dlb_entity_editor_get_control (self->editor, DLB_ENTITY_FIELD_NAME);

    if (control != NULL)
      gtk_widget_grab_focus (control);
  }
}

/* Up and down move the selected entity one place in its list, one Undo
 * step each; the selection follows it. */
static void
on_move_clicked (DlbCollectionView *self,
                 GtkButton         *button)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  DlbEntity *entity = entity_at (self, row);
  g_autoptr(GError) error = NULL;
  int index;
  int to;

  if (entity == NULL || self->kase == NULL)
    return;

  index = gtk_list_box_row_get_index (row);
  to = button == self->up_button ? index - 1 : index + 1;
  if (to < 0)
    return;

  g_object_ref (entity);
  if (!dlb_case_move (self->kase, entity, (guint) to, &error))
    dlb_show_toast (GTK_WIDGET (self), error->message);
  else
    {
      dlb_collection_view_select (self, (guint) to);
      gtk_widget_grab_focus (GTK_WIDGET (button));
    }
  g_object_unref (entity);
  update_move_buttons (self);
}

static void
on_toast_dismissed (DlbCollectionView *self,
                    AdwToast          *toast)
{
  g_ptr_array_remove (self->toasts, toast);
}

static void
on_remove_clicked (DlbCollectionView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  DlbEntity *entity = entity_at (self, row);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;
  GtkWidget *overlay;
  int index;

  if (entity == NULL)
    return;

  name = g_strdup (dlb_entity_get_display_name (entity));
  id = g_strdup (dlb_entity_get_id (entity));
  index = gtk_list_box_row_get_index (row);
  if (!dlb_case_remove (self->kase, entity, &error))
    {
      dlb_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  /* Beside the list, the editor moves on to the row that took its place. */
  if (!adw_leaflet_get_folded (self->leaflet))
    {
      guint n = g_list_model_get_n_items (dlb_case_get_list (self->kase, self->kind));

      if (n > 0)
        dlb_collection_view_select (self, MIN ((guint) index, n - 1));
    }

  /* Translators: %s is the name of what was removed from the case */
  message = g_strdup_printf (_("Removed “%s”"), name);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;

  /* Undo brings back this entity, whatever was removed after it; the
   * toast goes once the entity is back by any way. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-removal");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  g_object_set_data_full (G_OBJECT (toast), "entity-id", g_steal_pointer (&id), g_free);
  g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Withdraws the toasts of removals that have been undone. */
static void
withdraw_toasts (DlbCollectionView *self)
{
  g_autoptr(GPtrArray) back = g_ptr_array_new ();

  if (self->kase == NULL)
    return;

  for (guint i = 0; i < self->toasts->len; i++)
    {
      AdwToast *toast = g_ptr_array_index (self->toasts, i);

      if (dlb_case_lookup (self->kase, g_object_get_data (G_OBJECT (toast), "entity-id")) != NULL)
        g_ptr_array_add (back, toast);
    }
  /* Dismissing takes the toast out of the list. */
  for (guint i = 0; i < back->len; i++)
    adw_toast_dismiss (g_ptr_array_index (back, i));
}

/* The toasts of removals the user can still undo from here. */
GPtrArray *
dlb_collection_view_get_toasts (DlbCollectionView *self)
{
  g_return_val_if_fail (DLB_IS_COLLECTION_VIEW (self), NULL);

  return self->toasts;
}

static void
on_folded_changed (DlbCollectionView *self)
{
  GtkListBoxRow *first;

  /* Side by side, the editor shows the selected row, so one always is;
   * folded, a highlighted row would only look like a stray selection. */
  if (adw_leaflet_get_folded (self->leaflet))
    {
      if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") == 0)
        gtk_list_box_unselect_all (self->list_box);
      return;
    }

  first = gtk_list_box_get_row_at_index (self->list_box, 0);
  if (gtk_list_box_get_selected_row (self->list_box) == NULL && first != NULL)
    gtk_list_box_select_row (self->list_box, first);
}

static void
dlb_collection_view_dispose (GObject *object)
{
  DlbCollectionView *self = DLB_COLLECTION_VIEW (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  show_entity (self, NULL);
  /* The bin drops its child itself, so it never holds a disposed one. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_COLLECTION_VIEW);
  if (self->kase != NULL)
    g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);
  if (self->toasts != NULL)
    for (guint i = 0; i < self->toasts->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->toasts, i), self);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);

  G_OBJECT_CLASS (dlb_collection_view_parent_class)->dispose (object);
}

static void
dlb_collection_view_class_init (DlbCollectionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_collection_view_dispose;

  g_type_ensure (DLB_TYPE_ENTITY_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-collection-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, list_column);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, list_heading);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, list_title);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, add_button);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, list_box);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, editor_title);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, remove_button);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, up_button);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, down_button);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DlbCollectionView, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_move_clicked);
}

static void
dlb_collection_view_init (DlbCollectionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
set_strings (DlbCollectionView *self)
{
  const char *title = NULL, *add = NULL, *remove = NULL, *empty = NULL, *empty_desc = NULL;
  const char *none = NULL;
  GtkWidget *placeholder;

  switch (self->kind)
    {
    case DLB_KIND_STAKEHOLDER:
      title = _("Stakeholders");
      add = _("Add a Stakeholder");
      remove = _("Remove the Stakeholder");
      empty = _("No Stakeholder Selected");
      empty_desc = _("Choose a stakeholder in the list to see and change what is known about them.");
      none = _("No stakeholders yet. Add the people and bodies the decision affects.");
      break;
    case DLB_KIND_FINDING:
      title = _("Privacy and Civil-Liberties Findings");
      add = _("Add a Finding");
      remove = _("Remove the Finding");
      empty = _("No Finding Selected");
      empty_desc = _("Choose a finding in the list to see its detail, sources and the condition that would answer it.");
      none = _("No findings yet.");
      break;
    case DLB_KIND_SOURCE:
      title = _("Sources");
      add = _("Add a Source");
      remove = _("Remove the Source");
      empty = _("No Source Selected");
      empty_desc = _("Choose a source in the list to see and change its citation, address, date and reliability.");
      none = _("No sources yet. Add the reports, letters and laws the findings rest on.");
      break;
    case DLB_KIND_PERSPECTIVE:
      title = _("Perspectives");
      add = _("Add a Perspective");
      remove = _("Remove the Perspective");
      empty = _("No Perspective Selected");
      empty_desc = _("A perspective weighs the criteria as one stakeholder would, to see whether the recommendation holds for them.");
      none = _("No perspectives yet. Add one to weigh the criteria as a stakeholder would.");
      break;
    default:
      title = _("Entries");
      add = _("Add");
      remove = _("Remove");
      empty = _("Nothing Selected");
      empty_desc = "";
      none = _("None yet.");
      break;
    }

  gtk_label_set_text (self->list_title, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), add);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL, add, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  adw_status_page_set_title (self->empty_page, empty);
  adw_status_page_set_description (self->empty_page, empty_desc);

  placeholder = gtk_label_new (none);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->list_box, placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

void
dlb_collection_view_setup (DlbCollectionView *self,
                           DlbKind            kind,
                           DlbRowFactory      row_factory,
                           DlbEntityFactory   entity_factory,
                           gpointer           user_data)
{
  g_return_if_fail (DLB_IS_COLLECTION_VIEW (self));
  g_return_if_fail (kind > DLB_KIND_CASE && kind <= DLB_N_LIST_KINDS);
  g_return_if_fail (row_factory != NULL);

  self->kind = kind;
  self->row_factory = row_factory;
  self->entity_factory = entity_factory;
  self->user_data = user_data;
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), entity_factory != NULL);
  set_strings (self);
}

void
dlb_collection_view_set_case (DlbCollectionView *self,
                              DlbCase           *kase)
{
  g_return_if_fail (DLB_IS_COLLECTION_VIEW (self));
  g_return_if_fail (kase == NULL || DLB_IS_CASE (kase));
  g_return_if_fail (self->row_factory != NULL);

  if (self->kase == kase)
    return;

  show_entity (self, NULL);
  gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  if (self->kase != NULL)
    g_clear_signal_handler (&self->changed_id, self->kase);
  g_set_object (&self->kase, kase);
  if (kase != NULL)
    {
      self->changed_id = g_signal_connect_object (kase, "changed", G_CALLBACK (withdraw_toasts),
                                                  self, G_CONNECT_SWAPPED);
      g_signal_connect_object (dlb_case_get_list (kase, self->kind), "items-changed",
                               G_CALLBACK (update_move_buttons), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      gtk_list_box_bind_model (self->list_box, dlb_case_get_list (kase, self->kind),
                               create_row, self, NULL);
      on_folded_changed (self);
    }
}

GtkListBox *
dlb_collection_view_get_list_box (DlbCollectionView *self)
{
  g_return_val_if_fail (DLB_IS_COLLECTION_VIEW (self), NULL);

  return self->list_box;
}

DlbEntityEditor *
dlb_collection_view_get_editor (DlbCollectionView *self)
{
  g_return_val_if_fail (DLB_IS_COLLECTION_VIEW (self), NULL);

  return self->editor;
}

void
dlb_collection_view_select (DlbCollectionView *self,
                            guint              position)
{
  GtkListBoxRow *row;

  g_return_if_fail (DLB_IS_COLLECTION_VIEW (self));

  row = gtk_list_box_get_row_at_index (self->list_box, position);
  if (row == NULL)
    return;
  gtk_list_box_select_row (self->list_box, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

guint
dlb_collection_view_get_n_rows (DlbCollectionView *self)
{
  guint n = 0;

  g_return_val_if_fail (DLB_IS_COLLECTION_VIEW (self), 0);

  while (gtk_list_box_get_row_at_index (self->list_box, n) != NULL)
    n++;
  return n;
}

void
dlb_collection_view_open (DlbCollectionView *self,
                          guint              position)
{
  GtkListBoxRow *row;

  g_return_if_fail (DLB_IS_COLLECTION_VIEW (self));

  row = gtk_list_box_get_row_at_index (self->list_box, position);
  if (row == NULL)
    return;
  /* Without moving the focus: the list would scroll away whatever
   * widget above it the row was chosen from. */
  gtk_list_box_select_row (self->list_box, row);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

void
dlb_collection_view_set_header (DlbCollectionView *self,
                                GtkWidget         *header)
{
  g_return_if_fail (DLB_IS_COLLECTION_VIEW (self));
  g_return_if_fail (header == NULL || GTK_IS_WIDGET (header));

  if (self->header == header)
    return;
  if (self->header != NULL)
    gtk_box_remove (self->list_column, self->header);
  self->header = header;
  if (header != NULL)
    gtk_box_insert_child_after (self->list_column, header, self->list_heading);
}
