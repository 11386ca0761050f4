#!/usr/bin/python3
# A new user's first case, end to end, through the real application: New
# from Template, a stakeholder added and dragged on the grid, a source and
# a finding that cites it, two options added and scored, a ranking
# applied, the memo exported; then the file reopened and the last three
# gestures undone with Ctrl+Z. Widgets are found by their accessible names
# over AT-SPI and operated through their actions, or with xdotool where a
# person would type or drag. The case itself is read back with the
# command line, so every check is on what the user's file holds.
#
# With E2E_DEBUG=1 a failure also dumps the accessible tree it searched
# and leaves a screenshot in /tmp/e2e-fail.png and the case file in
# /tmp/e2e-case.deliberate.
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
HOME = os.environ["HOME"]
TITLE = "Automated license-plate readers"
CASE = os.path.join(HOME, "Documents", TITLE + ".deliberate")
TIMEOUT = 20.0

app_process = None


def fail(message):
    print("e2e: " + message, file=sys.stderr)
    if os.environ.get("E2E_DEBUG") and os.path.exists(CASE):
        import shutil
        shutil.copy(CASE, "/tmp/e2e-case.deliberate")
    if os.environ.get("E2E_DEBUG"):
        subprocess.run(["import", "-window", "root", "/tmp/e2e-fail.png"])
    if app_process is not None:
        status = app_process.poll()
        if status is not None:
            print("e2e: the application had ended with status %d" % status, file=sys.stderr)
        else:
            app_process.kill()
        app_process.stderr.seek(0)
        err = app_process.stderr.read().decode(errors="replace")
        lines = [l for l in err.splitlines() if "Screen coordinates" not in l]
        if lines:
            print("e2e: the application said:\n" + "\n".join(lines[-20:]), file=sys.stderr)
    sys.exit(1)


def step(message):
    print("# " + message, flush=True)


def xdo(*args):
    subprocess.run(["xdotool", *args], check=True)


def application():
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == "deliberate":
                return app
        time.sleep(0.2)
    fail("the application did not appear on the accessibility bus")


def children(node):
    try:
        return [c for c in node if c is not None]
    except Exception:
        return []


def extents(node):
    try:
        if not node.getState().contains(pyatspi.STATE_VISIBLE):
            return None
        e = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return e if e.width > 0 and e.height > 0 else None
    except Exception:
        return None


def visible(node):
    """Whether to look below @node: GTK 4.8 gives some containers (a page
    of a stack) no area although what they hold is on screen."""
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def showing(node):
    """GTK 4.8 says SHOWING of windows only: a widget counts as on screen
    when it is visible and has an area inside its window (a view switcher
    that does not fit is laid out off to the left)."""
    e = extents(node)
    return e is not None and e.x >= 0 and e.y >= 0


def role(node):
    try:
        return node.getRoleName()
    except Exception:
        return ""


def walk(node):
    stack = [node]
    while stack:
        top = stack.pop()
        yield top
        if role(top) in ("application", "frame", "dialog") or visible(top):
            stack.extend(reversed(children(top)))


def find(predicate, what, root=None, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        top = root if root is not None else application()
        for node in walk(top):
            try:
                if predicate(node):
                    return node
            except Exception:
                pass
        time.sleep(0.2)
    if os.environ.get("E2E_DEBUG"):
        for node in walk(root if root is not None else application()):
            try:
                e = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                print("  ", role(node), repr(node.name), (e.x, e.y, e.width, e.height), file=sys.stderr)
            except Exception:
                pass
    fail("no " + what + " on screen")


def named(name, role=None, exact=False):
    def predicate(node):
        if role is not None and node.getRoleName() != role:
            return False
        if not showing(node):
            return False
        return node.name == name if exact else name in (node.name or "")
    return predicate


def window(title):
    """A window of the application by its title. GTK 4.8 gives a
    libadwaita window the role "filler", so any child of the application
    counts."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        for w in children(application()):
            try:
                if title in (w.name or ""):
                    return w
            except Exception:
                pass
        time.sleep(0.2)
    fail("no window “%s” on screen" % title)


def press(node):
    """The widget's own action where GTK 4.8 offers one, else a click on it."""
    try:
        action = node.queryAction()
        for i in range(action.nActions):
            if action.getName(i) in ("click", "press", "activate", "toggle"):
                action.doAction(i)
                return
    except Exception:
        pass
    click_at(node)


def center(node):
    extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return extents.x + extents.width // 2, extents.y + extents.height // 2


def click_at(node):
    x, y = center(node)
    xdo("mousemove", str(x), str(y), "click", "1")


def scroll_into_view(node, win):
    """Scrolls the column under @node with the wheel until @node is inside
    @win, as a person would."""
    w = win.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    for _ in range(40):
        x, y = center(node)
        if w.y + 60 <= y <= w.y + w.height - 40:
            return
        xdo("mousemove", str(min(max(x, w.x + 20), w.x + w.width - 20)), str(w.y + w.height // 2))
        xdo("click", "5" if y > w.y + w.height - 40 else "4")
        time.sleep(0.1)
    fail("could not scroll “%s” into view" % node.name)


def type_text(text):
    xdo("type", "--delay", "15", text)


def settle(seconds=0.6):
    time.sleep(seconds)


def export_json(path):
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    result = subprocess.run([EXE, "--export-json", out, path], capture_output=True, text=True)
    if result.returncode != 0:
        fail("the command line could not read the case: " + result.stderr)
    with open(out, encoding="utf-8") as f:
        data = json.load(f)
    os.unlink(out)
    return data


def start(*args):
    global app_process
    log = tempfile.TemporaryFile()
    app_process = subprocess.Popen([EXE, *args], stdout=subprocess.DEVNULL, stderr=log)
    app_process.stderr = log
    application()


def quit_app():
    global app_process
    xdo("key", "ctrl+q")
    try:
        app_process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        fail("the application did not quit")
    app_process = None


def page(name):
    press(find(lambda n: role(n) == "page tab" and n.name == name and showing(n),
               "view switcher button “%s”" % name))
    settle()


def grid_point(chart, power, interest):
    """Where the grid draws a stakeholder of @power and @interest alone in
    its cell: the chart's 10 px padding, its zoom of 1.4 and its plot
    margins (30 left, 6 right, 4 top, 40 bottom), as dlb-charts.c lays
    them out."""
    e = chart.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    zoom = 1.4
    width = (e.width - 20) / zoom
    height = (e.height - 20) / zoom
    plot_w = width - 36
    plot_h = height - 44
    x = 30 + (interest - 0.5) * plot_w / 5
    y = 4 + (5 - power + 0.5) * plot_h / 5
    return int(e.x + 10 + zoom * x), int(e.y + 10 + zoom * y)


def main():
    start()

    step("New from Template")
    window("Deliberate")
    press(find(named("New from Template", "push button"), "“New from Template” button"))
    dialog = window("New Case")
    settle()
    type_text(TITLE)
    settle(0.3)
    if os.environ.get("E2E_DEBUG"):
        subprocess.run(["import", "-window", "root", "/tmp/e2e-typed.png"])
    # Enter in the title field creates the case, as Create does.
    xdo("key", "Return")
    case_window = window(TITLE)
    settle(1.0)
    if not os.path.exists(CASE):
        fail("no case file at " + CASE)

    step("add a stakeholder and drag it on the grid")
    page("Stakeholders")
    press(find(named("Add a Stakeholder", "push button"), "“Add a Stakeholder” button", root=case_window))
    settle()
    xdo("key", "ctrl+a")
    type_text("Transit riders")
    xdo("key", "Return")
    settle()
    # The list shows the new row; the grid is above it, in the same
    # scrolled column as the Add button.
    e = case_window.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    xdo("mousemove", str(e.x + e.width // 4), str(e.y + e.height // 2))
    for _ in range(25):
        xdo("click", "4")
    settle()
    chart = find(named("Stakeholders by power and interest"), "power/interest grid", root=case_window)
    x0, y0 = grid_point(chart, 3, 3)
    x1, y1 = grid_point(chart, 2, 5)
    xdo("mousemove", str(x0), str(y0), "mousedown", "1")
    for k in range(1, 6):
        xdo("mousemove", str(x0 + (x1 - x0) * k // 5), str(y0 + (y1 - y0) * k // 5))
        time.sleep(0.05)
    xdo("mouseup", "1")
    settle()

    step("add a source and a finding that cites it")
    page("Privacy Findings")
    press(find(named("Sources", "page tab", exact=True), "“Sources” section", root=case_window))
    settle()
    press(find(named("Add a Source", "push button"), "“Add a Source” button", root=case_window))
    settle()
    xdo("key", "ctrl+a")
    type_text("DOT license-plate reader proposal")
    xdo("key", "Return")
    settle()
    press(find(named("Findings", "page tab", exact=True), "“Findings” section", root=case_window))
    settle()
    press(find(named("Add a Finding", "push button"), "“Add a Finding” button", root=case_window))
    settle()
    xdo("key", "ctrl+a")
    type_text("Plate reads shared with federal agencies")
    xdo("key", "Return")
    settle()
    click_at(find(named("Sources", "list item", exact=True), "the finding's Sources row", root=case_window))
    settle()
    check = find(lambda n: n.getRoleName() == "check box" and showing(n)
                 and "DOT license-plate reader proposal" in (n.name or ""),
                 "check box of the new source", root=case_window)
    press(check)
    settle()

    step("add two options")
    page("Decision Matrix")
    for name in ("Pilot in one district", "Citywide rollout"):
        press(find(named("Add an option or a criterion"), "“Add” menu", root=case_window))
        settle()
        press(find(lambda n: n.getRoleName() == "menu item" and "Add Option" in (n.name or "").replace("_", "")
                   and showing(n), "“Add Option” menu item"))
        window("Option")
        settle()
        # The dialog opens on the option's name.
        xdo("key", "ctrl+a")
        type_text(name)
        xdo("key", "Return")
        settle(0.3)
        xdo("key", "Escape")
        settle()

    step("score them")
    for option, value in (("Pilot in one district", "7"), ("Citywide rollout", "3")):
        press(find(named(option + " on Civil liberties: not scored"), "score cell of " + option, root=case_window))
        score = window("Score")
        settle()
        spin = find(lambda n: n.getRoleName() == "spin button" and showing(n), "score spin button", root=score)
        # Into the number, not onto its − and + buttons.
        e = spin.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        xdo("mousemove", str(e.x + 12), str(e.y + e.height // 2), "click", "1")
        xdo("key", "ctrl+a")
        type_text(value)
        xdo("key", "Tab")
        settle()
        xdo("key", "Escape")
        settle()

    step("apply a ranking")
    method = find(named("Weighting method"), "weighting method", root=case_window)
    scroll_into_view(method, case_window)
    settle()
    click_at(method)
    settle()
    # The list opens on the method in use, Direct points; Ranking is next.
    xdo("key", "Down")
    xdo("key", "Return")
    ranking = window("Rank the Criteria")
    settle()
    press(find(named("Apply", "push button"), "“Apply” button", root=ranking))
    settle(1.0)

    step("export the memo")
    page("Memo")
    settle(1.0)
    press(find(named("Export PDF", "push button"), "“Export PDF” button", root=case_window))
    # The file chooser opens on the name field: a full path names the file
    # and its folder at once.
    settle(2.0)
    memo = os.path.join(HOME, "memo.pdf")
    xdo("key", "ctrl+a")
    type_text(memo)
    xdo("key", "Return")
    deadline = time.monotonic() + TIMEOUT
    while not os.path.exists(memo) and time.monotonic() < deadline:
        time.sleep(0.2)
    if not os.path.exists(memo):
        fail("the memo was not exported to " + memo)
    settle(1.0)
    text = subprocess.run(["pdftotext", "-layout", memo, "-"], capture_output=True, text=True, check=True).stdout
    folded = " ".join(text.split())
    for expected in (TITLE, "Transit riders", "Plate reads shared with federal agencies",
                     "DOT license-plate reader proposal", "Pilot in one district", "Citywide rollout"):
        if expected not in folded:
            fail("the memo lacks “%s”" % expected)
    for stray in ("Ring", "Chicago", "Markey"):
        if stray in folded:
            fail("the memo holds the Ring example's “%s”" % stray)

    quit_app()

    step("the file holds what was entered")
    data = export_json(CASE)
    riders = [s for s in data["stakeholders"] if s["name"] == "Transit riders"]
    if not riders or (riders[0]["power"], riders[0]["interest"]) != (2, 5):
        fail("the dragged stakeholder is not at power 2, interest 5: %s" % riders)
    if data["case"]["weighting"] != "ranking":
        fail("the ranking was not applied")
    names = [o["name"] for o in data["options"]]
    if "Pilot in one district" not in names or "Citywide rollout" not in names:
        fail("the options are missing: %s" % names)
    if len(data["scores"]) != 2:
        fail("expected 2 scores, found %d" % len(data["scores"]))

    step("reopen and undo the last three gestures")
    start(CASE)
    window(TITLE)
    settle(1.5)
    for _ in range(3):
        xdo("key", "ctrl+z")
        settle(0.8)
    quit_app()
    data = export_json(CASE)
    # Undone, newest first: the ranking, the second score, the first score.
    if data["case"]["weighting"] != "direct":
        fail("the ranking was not undone")
    if len(data["scores"]) != 0:
        fail("the scores were not undone: %d left" % len(data["scores"]))
    names = [o["name"] for o in data["options"]]
    if "Citywide rollout" not in names:
        fail("undo went further back than three gestures")
    step("done")


if __name__ == "__main__":
    main()
