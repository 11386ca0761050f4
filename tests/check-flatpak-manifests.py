#!/usr/bin/env python3
# check-flatpak-manifests.py
#
# Copyright 2026 The Deliberate authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks offline what can be checked of the Flatpak manifests without a
# runtime: each parses as JSON (and as flatpak-builder reads it, when
# flatpak-builder is installed), names the application id and profile
# the build makes, runs the executable meson builds, builds against the
# GNOME runtime and its SDK with portal-only permissions, runs the core
# tests in the build, and takes its source from this tree. Every
# manifest uses the same runtime version.
#
# Usage: check-flatpak-manifests.py SOURCE_ROOT COMMAND MANIFEST APP_ID PROFILE [MANIFEST APP_ID PROFILE ...]

import json
import os
import shutil
import subprocess
import sys

RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
FINISH_ARGS = ["--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"]


def load(path, problems):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        problems.append(f"does not parse as JSON: {e}")
        return None


def load_with_flatpak_builder(path, problems):
    builder = shutil.which("flatpak-builder")
    if builder is None:
        return None
    run = subprocess.run([builder, "--show-manifest", path], capture_output=True, text=True)
    if run.returncode != 0:
        problems.append(f"flatpak-builder --show-manifest refuses it: {run.stderr.strip()}")
        return None
    try:
        return json.loads(run.stdout)
    except ValueError as e:
        problems.append(f"flatpak-builder --show-manifest printed no JSON: {e}")
        return None


def check(manifest, path, root, command, app_id, profile, problems):
    if not isinstance(manifest, dict):
        problems.append("is not a JSON object")
        return
    found_id = manifest.get("id", manifest.get("app-id"))
    if found_id != app_id:
        problems.append(f"id is {found_id!r}, but the {profile} profile builds {app_id!r}")
    if manifest.get("command") != command:
        problems.append(f"command is {manifest.get('command')!r}, but meson builds {command!r}")
    if manifest.get("runtime") != RUNTIME:
        problems.append(f"runtime is {manifest.get('runtime')!r}, not {RUNTIME!r}")
    if manifest.get("sdk") != SDK:
        problems.append(f"sdk is {manifest.get('sdk')!r}, not {SDK!r}")
    version = manifest.get("runtime-version")
    # A stable GNOME runtime is a number ("51"); "master" is the nightly.
    if not isinstance(version, str) or not version.isdigit():
        problems.append(f"runtime-version is {version!r}, not a stable GNOME release")
    if manifest.get("finish-args") != FINISH_ARGS:
        problems.append(f"finish-args are {manifest.get('finish-args')!r}, not exactly {FINISH_ARGS!r}")

    modules = manifest.get("modules")
    if not isinstance(modules, list) or not modules or not isinstance(modules[-1], dict):
        problems.append("has no modules")
        return
    # The application is the last module; any before it are its libraries.
    module = modules[-1]
    if module.get("buildsystem") != "meson":
        problems.append(f"the {module.get('name')!r} module is not built with meson")
    if module.get("run-tests") is not True:
        problems.append("does not run the tests in the build (\"run-tests\": true)")
    opts = module.get("config-opts", [])
    if f"-Dprofile={profile}" not in opts:
        problems.append(f"does not configure -Dprofile={profile}: {opts!r}")
    # No display and no pikepdf in the SDK: the core tests alone.
    if "-Dtest_suites=core" not in opts:
        problems.append(f"does not keep the tests to the core suite (-Dtest_suites=core): {opts!r}")
    dirs = [s for s in module.get("sources", []) if isinstance(s, dict) and s.get("type") == "dir"]
    base = os.path.dirname(os.path.abspath(path))
    if not any(os.path.realpath(os.path.join(base, s.get("path", ""))) == os.path.realpath(root)
               for s in dirs):
        problems.append("does not build this source tree (a \"dir\" source at the project's root)")


def main(argv):
    if len(argv) < 5 or (len(argv) - 2) % 3 != 0:
        print("usage: check-flatpak-manifests.py SOURCE_ROOT COMMAND MANIFEST APP_ID PROFILE ...",
              file=sys.stderr)
        return 2
    root, command = argv[0], argv[1]
    failed = False
    versions = {}
    for i in range(2, len(argv), 3):
        path, app_id, profile = argv[i:i + 3]
        problems = []
        manifest = load(path, problems)
        if manifest is not None:
            check(manifest, path, root, command, app_id, profile, problems)
            versions[path] = manifest.get("runtime-version") if isinstance(manifest, dict) else None
        shown = load_with_flatpak_builder(path, problems)
        if shown is not None:
            check(shown, path, root, command, app_id, profile, problems)
        for problem in dict.fromkeys(problems):
            print(f"{os.path.basename(path)}: {problem}")
        if problems:
            failed = True
        else:
            how = "JSON and flatpak-builder" if shown is not None else "JSON"
            print(f"{os.path.basename(path)}: {app_id}, {command}, {RUNTIME} {versions[path]} ({how})")
    if len(set(versions.values())) > 1:
        print(f"the manifests use different runtime versions: {versions}")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
