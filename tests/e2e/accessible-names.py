#!/usr/bin/python3
# What a screen reader finds on every page of the built-in example, over a
# real accessibility bus (tests/e2e/run-e2e.sh sets it up): the
# application is opened on the example, each page is shown with its
# Alt+number key, and every control on screen (buttons, check boxes,
# drop-downs, text fields, spin buttons, sliders, list rows, tabs, charts)
# must have a name, and a chart a description of what it shows. Prints how many were checked; fails listing the
# unnamed ones by page and role.
#
# With E2E_DEBUG=1 a failure also leaves a screenshot in
# /tmp/e2e-fail.png.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import tempfile
import time

import pyatspi

EXE = os.environ["DELIBERATE_EXE"]
TIMEOUT = 20.0
PAGES = ["Overview", "Stakeholders", "Privacy Findings", "Opportunities & Risks",
         "Decision Matrix", "Memo"]
# The roles of what a person operates; an image counts when it takes the
# focus (a chart), not as an icon.
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_TEXT,
    pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_LINK, pyatspi.ROLE_SCROLL_BAR,
}

app_process = None


def fail(message):
    print("accessible-names: " + message, file=sys.stderr)
    if os.environ.get("E2E_DEBUG"):
        subprocess.run(["import", "-window", "root", "/tmp/e2e-fail.png"])
    if app_process is not None:
        if app_process.poll() is not None:
            print("accessible-names: the application had ended with status %d" % app_process.returncode,
                  file=sys.stderr)
        else:
            app_process.kill()
    sys.exit(1)


def children(node):
    try:
        return [c for c in node if c is not None]
    except Exception:
        return []


def state(node, which):
    try:
        return node.getState().contains(which)
    except Exception:
        return False


def on_screen(node):
    """GTK 4.8 says SHOWING of windows only: a widget is on screen when it
    is visible and has an area inside its window."""
    if not state(node, pyatspi.STATE_VISIBLE):
        return False
    try:
        e = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except Exception:
        return False
    return e.width > 0 and e.height > 0 and e.x >= 0 and e.y >= 0


def walk(node):
    """Every node under @node that is on screen; GTK 4.8 gives some
    containers (a page of a stack) no area although what they hold is
    on screen, so only visibility decides where to look."""
    stack = [node]
    while stack:
        top = stack.pop()
        yield top
        if top.getRole() in (pyatspi.ROLE_APPLICATION, pyatspi.ROLE_FRAME) or \
           state(top, pyatspi.STATE_VISIBLE):
            stack.extend(reversed(children(top)))


def wait_for(what, function):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            found = function()
        except Exception:
            found = None
        if found:
            return found
        time.sleep(0.2)
    fail("timed out after %.0f s waiting for %s" % (TIMEOUT, what))


def application():
    def find():
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == "deliberate":
                return app
        return None
    return wait_for("the application to appear on the accessibility bus", find)


def example_title():
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    result = subprocess.run([EXE, "--export-json", out], capture_output=True, text=True)
    if result.returncode != 0:
        fail("the command line could not export the example: " + result.stderr)
    with open(out, encoding="utf-8") as f:
        title = json.load(f)["case"]["title"]
    os.unlink(out)
    return title


def case_window(title):
    def find():
        for w in children(application()):
            if title in (w.name or ""):
                return w
        return None
    return wait_for("the example's window “%s”" % title, find)


def page_tab(window, name):
    def find():
        for node in walk(window):
            if node.getRole() == pyatspi.ROLE_PAGE_TAB and node.name == name and on_screen(node):
                return node
        return None
    return wait_for("the view switcher's “%s”" % name, find)


def show_page(window, number, name):
    """Alt and the page's number, as a person would press them; the view
    switcher's tab says the page is shown."""
    subprocess.run(["xdotool", "key", "alt+%d" % number], check=True)
    tab = page_tab(window, name)
    wait_for("Alt+%d to show “%s”" % (number, name),
             lambda: state(tab, pyatspi.STATE_CHECKED) or state(tab, pyatspi.STATE_SELECTED))
    time.sleep(0.8)


def is_control(node):
    role = node.getRole()
    if role in CONTROL_ROLES:
        return True
    return role == pyatspi.ROLE_IMAGE and state(node, pyatspi.STATE_FOCUSABLE)


def where(node):
    """The nearest named ancestors, to find an unnamed control by."""
    names = []
    try:
        parent = node.parent
        while parent is not None and len(names) < 2:
            if parent.name:
                names.append("%s “%s”" % (parent.getRoleName(), parent.name))
            parent = parent.parent
    except Exception:
        pass
    return " in ".join(names) if names else "at the top"


def main():
    global app_process

    title = example_title()
    app_process = subprocess.Popen([EXE, "--example"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
    window = case_window(title)
    # The window takes the keyboard once it is on screen.
    wait_for("the window to be on screen", lambda: on_screen(page_tab(window, PAGES[0])))

    checked = 0
    charts = 0
    unnamed = []
    # A page's controls stay in the tree behind the next page's: each is
    # checked once, by its object path.
    seen = set()
    for number, name in enumerate(PAGES, start=1):
        show_page(window, number, name)
        on_page = 0
        for node in walk(window):
            try:
                if not is_control(node) or not on_screen(node):
                    continue
                if node.path in seen:
                    continue
                seen.add(node.path)
                on_page += 1
                if not (node.name or "").strip():
                    unnamed.append("%s: %s %s" % (name, node.getRoleName(), where(node)))
                elif node.getRole() == pyatspi.ROLE_IMAGE and not (node.description or "").strip():
                    unnamed.append("%s: chart “%s” says nothing of what it shows" % (name, node.name))
                elif node.getRole() == pyatspi.ROLE_IMAGE:
                    charts += 1
            except Exception:
                continue
        print("# %s: %d controls" % (name, on_page), flush=True)
        checked += on_page

    app_process.kill()
    app_process.wait()

    if checked < 100:
        fail("only %d controls found on the six pages: the walk missed them" % checked)
    # The power/interest grid, the heat map, the bar and sensitivity charts.
    if not unnamed and charts < 4:
        fail("only %d charts found on the six pages: the walk missed them" % charts)
    if unnamed:
        fail("%d of %d controls have no accessible name:\n  %s" % (len(unnamed), checked, "\n  ".join(unnamed)))
    print("accessible-names: %d controls on 6 pages, 0 unnamed; %d charts described" % (checked, charts))


if __name__ == "__main__":
    main()
