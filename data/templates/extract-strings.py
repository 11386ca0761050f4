#!/usr/bin/env python3
# Lists the translatable words of the built-in templates for xgettext.
#
# A template is read as a case in the JSON format; dlb-template.c looks up
# the members named below in the "template" context of the translations.
# This writes them as NC_() calls to template-strings.c, which po/POTFILES
# names; with --check it only says whether that file is up to date.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import pathlib
import sys

MEMBERS = {"title", "question", "background", "notes", "name", "role", "concern",
           "label", "citation", "detail", "description", "condition"}

here = pathlib.Path(__file__).resolve().parent
out = here / "template-strings.c"


def walk(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                if key in MEMBERS and value and value not in found:
                    found.append(value)
            else:
                walk(value, found)
    elif isinstance(node, list):
        for value in node:
            walk(value, found)


def c_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render():
    lines = ["/* The words of the built-in templates, for xgettext: written by",
             " * extract-strings.py from the templates, never compiled. */", ""]
    for path in sorted(here.glob("*.json")):
        found = []
        walk(json.loads(path.read_text(encoding="utf-8")), found)
        lines.append("/* %s */" % path.name)
        for text in found:
            lines.append('NC_("template", %s);' % c_string(text))
        lines.append("")
    return "\n".join(lines)


text = render()
if "--check" in sys.argv[1:]:
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        print("%s is out of date: run %s" % (out, pathlib.Path(__file__).name), file=sys.stderr)
        sys.exit(1)
    sys.exit(0)
out.write_text(text, encoding="utf-8")
