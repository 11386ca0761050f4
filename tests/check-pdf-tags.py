#!/usr/bin/python3
# check-pdf-tags.py
#
# Copyright 2026 The Deliberate authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads a memo's structure tree the way assistive technology does and
# checks what a tagged, accessible PDF needs: the document language, the
# title shown in the title bar, headings H1-H3 in order, tables of rows and
# header cells, lists of labelled items, every Figure with alternate text,
# and every piece of page content either inside the structure tree or
# marked as an artifact (running footers, rules, shading).
#
# With --deliberate EXE it exports the built-in example and a generated
# case of more than 100 pages and checks both; with PDF files it checks
# those. Fails when pikepdf is not installed (make deps installs it).

import json
import os
import subprocess
import sys
import tempfile

try:
    import pikepdf
except ImportError:
    print("pikepdf is not installed: apt-get install python3-pikepdf")
    sys.exit(1)

TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "INLINE IMAGE"}
HEADINGS = {"H1": 1, "H2": 2, "H3": 3}


class Checker:
    def __init__(self, path, links=False):
        self.path = path
        self.problems = []
        self.pdf = pikepdf.open(path)
        self.page_of = {p.objgen: i for i, p in enumerate(self.pdf.pages)}
        self.mcids = {}  # page index -> set of MCIDs the tree refers to
        self.headings = []
        self.counts = {}
        self.links = links

    def fail(self, message):
        self.problems.append(message)

    def check_catalog(self):
        root = self.pdf.Root
        if "/StructTreeRoot" not in root:
            self.fail("no structure tree")
            return False
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            self.fail("/MarkInfo /Marked is not true (the PDF does not say it is tagged)")
        lang = root.get("/Lang")
        if lang is None or str(lang).strip() == "":
            self.fail("no document language (/Lang)")
        prefs = root.get("/ViewerPreferences")
        if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
            self.fail("the viewer is not told to show the title (/DisplayDocTitle)")
        title = self.pdf.docinfo.get("/Title") if self.pdf.docinfo is not None else None
        if title is None or str(title).strip() == "":
            self.fail("no document title")
        return True

    def kids(self, elem):
        k = elem.get("/K")
        if k is None:
            return []
        if isinstance(k, pikepdf.Array):
            return list(k)
        return [k]

    def walk(self, elem, page, parents):
        kind = str(elem.get("/S", "")).lstrip("/")
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if "/Pg" in elem:
            page = self.page_of.get(elem.Pg.objgen, page)
        if kind in HEADINGS:
            self.headings.append(kind)
        if kind == "Figure":
            alt = elem.get("/Alt")
            if alt is None or str(alt).strip() == "":
                self.fail("a Figure without alternate text (/Alt)")
        children = []
        for kid in self.kids(elem):
            if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer):
                if page is None:
                    self.fail(f"{kind}: marked content without a page")
                else:
                    self.mcids.setdefault(page, set()).add(int(kid))
            elif isinstance(kid, pikepdf.Dictionary):
                t = str(kid.get("/Type", ""))
                if t == "/MCR":
                    p = self.page_of.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                    self.mcids.setdefault(p, set()).add(int(kid.MCID))
                elif t == "/OBJR":
                    pass
                else:
                    children.append(str(kid.get("/S", "")).lstrip("/"))
                    self.walk(kid, page, parents + [kind])
        self.check_children(kind, children)

    def check_children(self, kind, children):
        allowed = {
            "Table": {"TR", "THead", "TBody", "TFoot"},
            "TR": {"TH", "TD"},
            "L": {"LI"},
            "LI": {"Lbl", "LBody"},
        }
        if kind in allowed:
            if not children:
                self.fail(f"an empty {kind}")
            for c in children:
                if c not in allowed[kind]:
                    self.fail(f"{kind} holds {c}")
        if kind == "Table" and children:
            pass

    def check_tree(self):
        root = self.pdf.Root.StructTreeRoot
        for kid in self.kids(root):
            if isinstance(kid, pikepdf.Dictionary):
                self.walk(kid, None, [])
        if not self.headings or self.headings[0] != "H1":
            self.fail(f"the first heading is not H1: {self.headings[:3]}")
        level = 0
        for h in self.headings:
            if HEADINGS[h] > level + 1:
                self.fail(f"heading levels skip from H{level} to {h}")
            level = HEADINGS[h]
        if self.headings.count("H1") != 1:
            self.fail(f"{self.headings.count('H1')} H1 headings; the title is the only one")

    def check_content(self):
        for index, page in enumerate(self.pdf.pages):
            wanted = self.mcids.get(index, set())
            seen = set()
            stack = []
            unmarked = 0
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name in ("BDC", "BMC"):
                    tag = str(operands[0]).lstrip("/")
                    mcid = None
                    if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                        mcid = int(operands[1].MCID)
                        seen.add(mcid)
                        if mcid not in wanted:
                            self.fail(f"page {index + 1}: marked content {mcid} is not in the structure tree")
                    stack.append((tag, mcid))
                elif name == "EMC":
                    if not stack:
                        self.fail(f"page {index + 1}: EMC without BDC")
                    else:
                        stack.pop()
                elif name in TEXT_OPS or name in PAINT_OPS:
                    if not any(tag == "Artifact" or mcid is not None for tag, mcid in stack):
                        unmarked += 1
            if stack:
                self.fail(f"page {index + 1}: marked content left open")
            if unmarked:
                self.fail(f"page {index + 1}: {unmarked} drawing operations are neither in the tree nor artifacts")
            missing = wanted - seen
            if missing:
                self.fail(f"page {index + 1}: the tree refers to marked content {sorted(missing)[:5]} the page lacks")

    def run(self):
        if self.check_catalog():
            self.check_tree()
            self.check_content()
        for kind in ("Table", "TH", "L", "LI", "Figure", "P") + (("Link",) if self.links else ()):
            if self.counts.get(kind, 0) == 0:
                self.fail(f"no {kind} in the structure tree")
        return self.problems


def export(exe, args, out):
    subprocess.run([exe] + args + ["--export-pdf", out], check=True)


def large_case(exe, folder):
    """The example with its findings, stakeholders and items repeated until
    the memo runs past 100 pages."""
    src = os.path.join(folder, "example.json")
    subprocess.run([exe, "--example", "--export-json", src], check=True)
    with open(src, encoding="utf-8") as f:
        case = json.load(f)
    for key in ("stakeholders", "findings", "items"):
        base = case[key]
        grown = []
        for n in range(20):
            for entity in base:
                e = dict(entity)
                if n > 0:
                    e["id"] = f"{entity['id']}-{n}"
                    for field in ("name", "title"):
                        if field in e and isinstance(e[field], str):
                            e[field] = f"{e[field]} ({n + 1})"
                grown.append(e)
        case[key] = grown
    # Every source with a web address: each becomes a Link in the tree.
    for n, source in enumerate(case["sources"]):
        source["url"] = f"https://example.org/sources/{n + 1}"
    path = os.path.join(folder, "large.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(case, f)
    return path


def main(argv):
    files = []
    if len(argv) >= 2 and argv[0] == "--deliberate":
        exe = argv[1]
        folder = tempfile.mkdtemp(prefix="dlb-tags-")
        example = os.path.join(folder, "example.pdf")
        export(exe, ["--example"], example)
        large = os.path.join(folder, "large.pdf")
        export(exe, [large_case(exe, folder)], large)
        pages = len(pikepdf.open(large).pages)
        if pages < 100:
            print(f"the large case's memo has {pages} pages, fewer than 100")
            return 1
        files = [(example, False), (large, True)]
    else:
        files = [(path, False) for path in argv]
    failed = False
    for path, links in files:
        problems = Checker(path, links).run()
        name = os.path.basename(path)
        if problems:
            failed = True
            print(f"{name}: {len(problems)} problems")
            for p in problems[:40]:
                print(f"  {p}")
        else:
            print(f"{name}: the structure tree holds every page's content")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
