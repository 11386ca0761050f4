/* dlb-file.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dlb-file.h"

#define CASE_SUFFIX ".deliberate"

DlbFileKind
dlb_file_kind_for_path (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char head[64];
  gssize n = -1;
  int fd;

  g_return_val_if_fail (path != NULL, DLB_FILE_KIND_CASE);

  /* Non-blocking: a FIFO or a device named like a case never stalls. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      struct stat st;

      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
        n = read (fd, head, sizeof head);
      close (fd);
    }

  if (n >= (gssize) sizeof magic && memcmp (head, magic, sizeof magic) == 0)
    return DLB_FILE_KIND_CASE;
  for (gssize i = 0; i < n; i++)
    {
      if (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')
        continue;
      if (head[i] == '{' || head[i] == '[')
        return DLB_FILE_KIND_JSON;
      break;
    }

  {
    gsize len = strlen (path);

    if (len >= 5 && g_ascii_strcasecmp (path + len - 5, ".json") == 0)
      return DLB_FILE_KIND_JSON;
  }
  return DLB_FILE_KIND_CASE;
}

static void
set_not_regular_error (GError      **error,
                       const char   *path,
                       mode_t        mode)
{
  g_autofree char *name = g_filename_display_basename (path);

  if (S_ISDIR (mode))
    /* Translators: %s is a file name */
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, _("“%s” is a folder, not a case file"), name);
  else if (S_ISFIFO (mode))
    /* Translators: %s is a file name; a named pipe passes data between programs */
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("“%s” is a named pipe, not a case file"), name);
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    /* Translators: %s is a file name, such as “zero” for /dev/zero */
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("“%s” is a device, not a case file"), name);
  else if (S_ISSOCK (mode))
    /* Translators: %s is a file name */
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("“%s” is a socket, not a case file"), name);
  else
    /* Translators: %s is a file name */
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("“%s” is not a Deliberate case file."), name);
}

static void
set_open_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_autofree char *name = g_filename_display_basename (path);
  GStatBuf st;

  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      /* Translators: %s is a file name */
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("“%s” does not exist. Check the name and the folder."), name);
      return;
    case ELOOP:
      /* Translators: %s is a file name; the file is a symbolic link */
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP,
                   _("“%s” links to itself in a loop, not to a case file"), name);
      return;
    case EACCES:
    case EPERM:
      /* Translators: %s is a file name */
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                   _("You may not read “%s”. Ask its owner to share it with you."), name);
      return;
    case ENXIO:
      /* A socket cannot be opened at all; say what it is. */
      if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
        {
          set_not_regular_error (error, path, st.st_mode);
          return;
        }
      break;
    default:
      break;
    }

  /* Translators: %s is a file name, then the system's reason */
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not read “%s”: %s"), name, g_strerror (saved_errno));
}

int
dlb_file_open_regular (const char  *path,
                       GError     **error)
{
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  do
    fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      set_open_error (error, path, errno);
      return -1;
    }

  /* The descriptor, not the name, is what is checked: the file cannot be
   * swapped for a pipe between the check and the reading. */
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      set_open_error (error, path, saved);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      set_not_regular_error (error, path, st.st_mode);
      return -1;
    }

  return fd;
}

gboolean
dlb_file_check_regular (const char  *path,
                        GError     **error)
{
  int fd = dlb_file_open_regular (path, error);

  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

char *
dlb_file_name_from_title (const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (title != NULL ? title : "", -1);
  g_autofree char *stripped = NULL;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\')
        g_string_append_c (name, '-');
      else if (g_unichar_iscntrl (c))
        g_string_append_c (name, ' ');
      else
        g_string_append_unichar (name, c);
    }

  stripped = g_strstrip (g_strdup (name->str));
  while (stripped[0] == '.')
    memmove (stripped, stripped + 1, strlen (stripped));

  if (g_utf8_strlen (stripped, -1) > 80)
    {
      char *end = g_utf8_offset_to_pointer (stripped, 80);

      *end = '\0';
      g_strchomp (stripped);
    }

  if (*stripped == '\0')
    return g_strdup (_("Untitled case"));
  return g_steal_pointer (&stripped);
}

char *
dlb_file_unused_path (const char  *folder,
                      const char  *base,
                      const char  *suffix,
                      GError     **error)
{
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (base != NULL, NULL);

  if (suffix == NULL)
    suffix = "";
  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *name = n == 1 ? g_strconcat (base, suffix, NULL)
                                     : g_strdup_printf ("%s (%u)%s", base, n, suffix);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }

  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
               _("Too many cases with this title already exist; rename or remove some of them"));
  return NULL;
}

char *
dlb_file_display_name (const char *path)
{
  char *name;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_basename (path);
  if (g_str_has_suffix (name, CASE_SUFFIX) && strlen (name) > strlen (CASE_SUFFIX))
    name[strlen (name) - strlen (CASE_SUFFIX)] = '\0';
  return name;
}

/* Temporary files ----------------------------------------------------------
 *
 * A file is written whole or not at all: into a temporary file in the
 * same folder, then moved into place in one step. Where the system can,
 * the temporary file has no name until it is complete (O_TMPFILE), so a
 * write that is killed leaves nothing behind. A named one, which SQLite
 * needs, is called ".NAME.PID-XXXXXX.part": the next write to NAME removes
 * those whose process is gone. */

#define TEMP_SUFFIX ".part"

char *
dlb_file_dup_disk_full_message (const char *action)
{
  /* Translators: %s is what failed, e.g. “Could not add stakeholder” */
  return g_strdup_printf (_("%s: the disk is full. Free some space and try again."), action);
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    {
      g_autofree char *name = g_filename_display_basename (path);
      /* Translators: %s is a file name */
      g_autofree char *action = g_strdup_printf (_("Could not write “%s”"), name);
      g_autofree char *message = dlb_file_dup_disk_full_message (action);

      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, message);
    }
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 /* Translators: %s is a file name, then the system's reason */
                 _("Could not write “%s”: %s. Choose a folder you can write to."),
                 display, g_strerror (saved_errno));
}

/* Whether @name in the folder of a file called @base is one of the named
 * temporary files of a write to it (or one of SQLite's files beside
 * such a temporary file), and which process made it. */
static gboolean
parse_temp_name (const char *name,
                 const char *base,
                 pid_t      *pid)
{
  static const char * const sides[] = { "", "-journal", "-wal", "-shm" };
  gsize base_len = strlen (base);
  const char *p;
  char *end;
  guint64 value;

  if (name[0] != '.' || strncmp (name + 1, base, base_len) != 0 || name[1 + base_len] != '.')
    return FALSE;
  p = name + 2 + base_len;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  value = g_ascii_strtoull (p, &end, 10);
  if (*end != '-' || value == 0 || value > G_MAXINT)
    return FALSE;
  p = end + 1;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isalnum (p[i]))
      return FALSE;
  p += 6;
  if (!g_str_has_prefix (p, TEMP_SUFFIX))
    return FALSE;
  p += strlen (TEMP_SUFFIX);
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    if (strcmp (p, sides[i]) == 0)
      {
        *pid = (pid_t) value;
        return TRUE;
      }
  return FALSE;
}

static gboolean
process_is_gone (pid_t pid)
{
  return pid != getpid () && kill (pid, 0) != 0 && errno == ESRCH;
}

guint
dlb_file_remove_stale_temps (const char *path)
{
  g_autofree char *dir_name = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (path != NULL, 0);

  dir_name = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  dir = g_dir_open (dir_name, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      pid_t pid;

      if (parse_temp_name (name, base, &pid) && process_is_gone (pid))
        {
          g_autofree char *stale = g_build_filename (dir_name, name, NULL);

          if (g_unlink (stale) == 0)
            removed++;
        }
    }
  return removed;
}

char *
dlb_file_create_temp (const char  *path,
                      int         *fd,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  char *temp;
  mode_t mask;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (fd != NULL, NULL);

  dlb_file_remove_stale_temps (path);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  template = g_strdup_printf (".%s.%d-XXXXXX" TEMP_SUFFIX, base, (int) getpid ());
  temp = g_build_filename (dir, template, NULL);
  *fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0666);
  if (*fd < 0)
    {
      set_write_error (error, path, errno);
      g_free (temp);
      return NULL;
    }

  /* g_mkstemp makes the file private; a document is meant to be shared
   * like any other the user saves. */
  mask = umask (0);
  umask (mask);
  if (fchmod (*fd, 0666 & ~mask) != 0)
    g_debug ("could not set the mode of %s", temp);

  return temp;
}

/* The folder's own record of a rename or a new link reaches the disk
 * too; a file system that cannot say so is no reason to fail. */
static void
sync_folder_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
dlb_file_commit_temp (const char  *temp,
                      int          fd,
                      const char  *path,
                      GError     **error)
{
  g_return_val_if_fail (temp != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (fd < 0)
    {
      /* Written by someone else (SQLite): flushed here. */
      fd = g_open (temp, O_RDWR | O_CLOEXEC, 0);
      if (fd < 0)
        {
          set_write_error (error, path, errno);
          g_unlink (temp);
          return FALSE;
        }
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      set_write_error (error, path, saved);
      return FALSE;
    }
  if (g_rename (temp, path) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      set_write_error (error, path, saved);
      return FALSE;
    }
  sync_folder_of (path);
  return TRUE;
}

void
dlb_file_discard_temp (const char *temp,
                       int         fd)
{
  g_return_if_fail (temp != NULL);

  if (fd >= 0)
    close (fd);
  g_unlink (temp);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved_errno)
{
  while (length > 0)
    {
      gssize written = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          *saved_errno = written < 0 ? errno : EIO;
          return FALSE;
        }
      data += written;
      length -= (gsize) written;
    }
  return TRUE;
}

/* Gives the complete unnamed file @fd the name @path, replacing what is
 * there. FALSE with errno set when it cannot be linked at all (no /proc,
 * or a file system that does not allow it), so that the caller writes a
 * named temporary file instead. */
static gboolean
link_unnamed (int         fd,
              const char *path,
              gboolean   *linked_named)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  *linked_named = FALSE;

  /* Nothing there yet: the link is the whole write. */
  if (linkat (AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0)
    return TRUE;
  if (errno != EEXIST)
    return FALSE;

  /* Replacing a file takes a rename, from a name that lives only for the
   * moment between the link and the rename. */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      /* Six hexadecimal digits, the shape parse_temp_name knows. */
      g_autofree char *name = g_strdup_printf (".%s.%d-%06x" TEMP_SUFFIX, base, (int) getpid (),
                                               g_random_int_range (0, 0x1000000));
      g_autofree char *temp = g_build_filename (dir, name, NULL);

      if (linkat (AT_FDCWD, proc, AT_FDCWD, temp, AT_SYMLINK_FOLLOW) != 0)
        {
          if (errno == EEXIST)
            continue;
          return FALSE;
        }
      *linked_named = TRUE;
      if (g_rename (temp, path) != 0)
        {
          int saved = errno;

          g_unlink (temp);
          errno = saved;
          return FALSE;
        }
      return TRUE;
    }
  errno = EEXIST;
  return FALSE;
}

static gboolean
write_unnamed (const char  *path,
               const char  *data,
               gsize        length,
               gboolean    *tried,
               GError     **error)
{
#ifdef O_TMPFILE
  g_autofree char *dir = g_path_get_dirname (path);
  gboolean linked_named;
  int saved = 0;
  int fd;

  do
    fd = g_open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      /* A kernel or a file system without unnamed files: a named one. */
      if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)
        return FALSE;
      *tried = TRUE;
      set_write_error (error, path, errno);
      return FALSE;
    }

  *tried = TRUE;
  if (!write_all (fd, data, length, &saved) || fsync (fd) != 0)
    {
      if (saved == 0)
        saved = errno;
      close (fd);
      set_write_error (error, path, saved);
      return FALSE;
    }
  if (!link_unnamed (fd, path, &linked_named))
    {
      saved = errno;
      close (fd);
      if (linked_named || saved == ENOSPC || saved == EDQUOT || saved == EACCES || saved == EROFS)
        {
          set_write_error (error, path, saved);
          return FALSE;
        }
      *tried = FALSE;
      return FALSE;
    }
  close (fd);
  sync_folder_of (path);
  return TRUE;
#else
  return FALSE;
#endif
}

gboolean
dlb_file_write_atomic (const char  *path,
                       const void  *data,
                       gsize        length,
                       GError     **error)
{
  g_autofree char *temp = NULL;
  gboolean tried = FALSE;
  int saved = 0;
  int fd = -1;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dlb_file_remove_stale_temps (path);

  if (write_unnamed (path, data, length, &tried, error))
    return TRUE;
  if (tried)
    return FALSE;

  temp = dlb_file_create_temp (path, &fd, error);
  if (temp == NULL)
    return FALSE;
  if (!write_all (fd, data, length, &saved))
    {
      dlb_file_discard_temp (temp, fd);
      set_write_error (error, path, saved);
      return FALSE;
    }

  return dlb_file_commit_temp (temp, fd, path, error);
}
