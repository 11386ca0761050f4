#!/usr/bin/env python3
# release-notes.py
#
# Copyright 2026 The Deliberate authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The metainfo owns the release notes; the About window shows the newest
# release's. This reads the built (translated) metainfo and writes that
# release's version and description as a key file for the resources, one
# Notes key a language, so GKeyFile picks the user's language:
#
#   release-notes.py METAINFO OUTPUT
#
# With --check VERSION it writes nothing and fails unless the newest
# release is VERSION (the project's) and has a description.

import re
import sys
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BLOCKS = {"p", "ul", "ol"}


def newest_release(root):
    releases = root.findall("releases/release")
    if not releases:
        raise SystemExit("release-notes: the metainfo lists no release")
    # AppStream lists the newest first; the date settles a list out of order.
    return max(releases, key=lambda r: r.get("date", ""))


def escape(text):
    text = re.sub(r"\s+", " ", text or "")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline(element):
    """An element's text and its inline markup (em, code), spaces collapsed."""
    out = escape(element.text)
    for child in element:
        out += f"<{child.tag}>{inline(child)}</{child.tag}>" + escape(child.tail)
    return out.strip()


def grouped(parent):
    """The untranslated children of parent, each with its translations:
    msgfmt puts a translated element right after its original."""
    groups = []
    for child in parent:
        lang = child.get(XML_LANG)
        if lang is None:
            groups.append((child, {}))
        elif groups:
            groups[-1][1][lang] = child
    return groups


def render(groups, lang):
    out = ""
    for original, translations in groups:
        if original.tag in ("ul", "ol"):
            out += f"<{original.tag}>{render(grouped(original), lang)}</{original.tag}>"
        else:
            chosen = translations.get(lang, original) if lang else original
            out += f"<{original.tag}>{inline(chosen)}</{original.tag}>"
    return out


def notes_by_language(description):
    groups = [g for g in grouped(description) if g[0].tag in BLOCKS]
    languages = sorted({e.get(XML_LANG) for e in description.iter() if e.get(XML_LANG)})
    notes = {None: render(groups, None)}
    for lang in languages:
        notes[lang] = render(groups, lang)
    return notes


def keyfile_value(text):
    # GKeyFile's escapes; the markup is on one line already.
    value = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
    return "\\s" + value[1:] if value.startswith(" ") else value


def main(argv):
    check = None
    if len(argv) == 3 and argv[0] == "--check":
        check, metainfo = argv[2], argv[1]
    elif len(argv) == 2:
        metainfo, output = argv
    else:
        print("usage: release-notes.py METAINFO OUTPUT | --check METAINFO VERSION", file=sys.stderr)
        return 2

    release = newest_release(ET.parse(metainfo).getroot())
    version = release.get("version", "")
    description = release.find("description")
    notes = notes_by_language(description) if description is not None else {None: ""}

    if check is not None:
        problems = []
        if version != check:
            problems.append(f"the newest release in the metainfo is {version!r}, "
                            f"but the project's version is {check!r}: add its <release>")
        if not notes[None]:
            problems.append(f"release {version} has no description for the About window")
        for problem in problems:
            print(f"release-notes: {problem}", file=sys.stderr)
        return 1 if problems else 0

    lines = ["# Made by data/release-notes.py from the metainfo; do not edit.",
             "[Release]",
             f"Version={keyfile_value(version)}",
             f"Notes={keyfile_value(notes[None])}"]
    lines += [f"Notes[{lang}]={keyfile_value(text)}" for lang, text in notes.items() if lang]
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
