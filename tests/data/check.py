#!/usr/bin/env python3
# check.py — the data files, translations, help and manifest are valid
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check.py CHECK SOURCE_ROOT BUILD_ROOT
# Prints TAP. Each CHECK runs the tool that owns the format:
#   desktop, metainfo   desktop-file-validate, appstreamcli validate --no-net
#                       (and --strict with AppStream 1.0 or later)
#   schemas, xml        glib-compile-schemas --strict --dry-run, xmllint
#   po, translation     msgfmt --check (complete, nothing fuzzy); es.po
#                       looked up through Python's gettext
#   potfiles            every file with translatable strings is listed
#   help                yelp-check, reachability, license, translations
#   manifest            the Flatpak manifest, with flatpak-builder
#   icons               the app's symbolic icons are its own, in its resources
#   install             every installed file under the prefix (the server's
#                       systemd unit included)
#   format              tabs, trailing space, final newline, header, SPDX

import glob
import json
import os
import re
import subprocess
import sys

check, src, build = sys.argv[1], sys.argv[2], sys.argv[3]
results = []


def ok(condition, description, detail=''):
    results.append((bool(condition), description, detail))


def run(*argv):
    proc = subprocess.run(argv, capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def tracked_files():
    code, out = run('git', '-C', src, 'ls-files')
    if code == 0 and out.strip():
        return [line for line in out.splitlines() if line]
    found = []
    for root, _, files in os.walk(src):
        for name in files:
            found.append(os.path.relpath(os.path.join(root, name), src))
    return found


if check == 'desktop':
    code, out = run('desktop-file-validate', os.path.join(build, 'data', 'com.example.Commons.desktop'))
    ok(code == 0 and 'error' not in out, 'desktop-file-validate', out)

elif check == 'metainfo':
    code, out = run('appstreamcli', 'validate', '--no-net',
                    os.path.join(build, 'data', 'com.example.Commons.metainfo.xml'))
    ok(code == 0, 'appstreamcli validate --no-net', out)
    # AppStream 1.0 (Debian 13) is what Flathub checks with; 0.16 (Debian
    # 12) knows neither the developer element nor branding well enough
    # for its --strict to mean the same.
    code, version = run('appstreamcli', '--version')
    numbers = re.findall(r'(\d+)\.(\d+)', version)
    if numbers and (int(numbers[0][0]), int(numbers[0][1])) >= (1, 0):
        code, out = run('appstreamcli', 'validate', '--no-net', '--strict', '--explain',
                        os.path.join(build, 'data', 'com.example.Commons.metainfo.xml'))
        ok(code == 0, 'appstreamcli validate --no-net --strict', out)

elif check == 'schemas':
    code, out = run('glib-compile-schemas', '--strict', '--dry-run', os.path.join(src, 'data'))
    ok(code == 0, 'glib-compile-schemas --strict --dry-run', out)

elif check == 'xml':
    files = [os.path.join(src, 'data', 'com.example.Commons.mime.xml')]
    files += glob.glob(os.path.join(src, 'data', 'icons', '**', '*.svg'), recursive=True)
    for path in files:
        code, out = run('xmllint', '--noout', path)
        ok(code == 0, 'well-formed: ' + os.path.relpath(path, src), out)

elif check == 'po':
    linguas = [l.strip() for l in open(os.path.join(src, 'po', 'LINGUAS'))
               if l.strip() and not l.startswith('#')]
    ok(True, 'languages: ' + (' '.join(linguas) or 'none yet'))
    for lang in linguas:
        path = os.path.join(src, 'po', lang + '.po')
        code, out = run('msgfmt', '--check', '--statistics', '-o', os.devnull, path)
        complete = code == 0 and 'fuzzy' not in out and 'untranslated' not in out
        ok(complete, '%s.po is valid and complete' % lang, out.strip())

elif check == 'translation':
    # Compile es.po the way gettext expects to find it at run time and look
    # strings up through Python's gettext, which reads the same .mo format.
    import gettext
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, 'es', 'LC_MESSAGES'))
        mo = os.path.join(tmp, 'es', 'LC_MESSAGES', 'commons.mo')
        code, out = run('msgfmt', '--check', '-o', mo, os.path.join(src, 'po', 'es.po'))
        ok(code == 0, 'es.po compiles to es/LC_MESSAGES/commons.mo', out)
        if code == 0:
            es = gettext.translation('commons', localedir=tmp, languages=['es'])
            for english, spanish in [('New Note', 'Nota nueva'),
                                     ('Lesson Plans', 'Planes de clase'),
                                     ('_Undo', '_Deshacer')]:
                got = es.gettext(english)
                ok(got == spanish, '“%s” is “%s” in Spanish' % (english, spanish), 'got “%s”' % got)
            got = es.pgettext('shortcut window', 'Show Shortcuts')
            ok(got == 'Mostrar los atajos', 'context “shortcut window” is honoured', 'got “%s”' % got)
            got = es.ngettext('%u minute', '%u minutes', 1) + ' / ' + es.ngettext('%u minute', '%u minutes', 5)
            ok(got == '%u minuto / %u minutos', 'plural forms follow Spanish rules', 'got “%s”' % got)

elif check == 'potfiles':
    listed = set()
    for line in open(os.path.join(src, 'po', 'POTFILES.in')):
        line = line.strip()
        if line and not line.startswith('#'):
            listed.add(line)
    # Any gettext call (also "g_dngettext (" and "ngettext ("), or a .ui
    # property marked translatable, means the file has strings to list.
    marker = re.compile(r'(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dgettext|g_dpgettext2)\s*\('
                        r'|translatable="yes"')
    needed = set()
    for path in tracked_files():
        if not (path.startswith('src/') or path.startswith('data/')):
            continue
        if path.endswith(('.desktop.in', '.metainfo.xml.in', '.gschema.xml')):
            needed.add(path)
            continue
        if path.endswith(('meson.build', '.png', '.svg', '.css')):
            continue
        try:
            text = open(os.path.join(src, path), encoding='utf-8').read()
        except (OSError, UnicodeDecodeError):
            continue
        if marker.search(text):
            needed.add(path)
    missing = sorted(needed - listed)
    ok(not missing, 'POTFILES.in lists every file with translatable strings', ', '.join(missing))
    gone = sorted(p for p in listed if not os.path.exists(os.path.join(src, p)))
    ok(not gone, 'POTFILES.in lists no missing file', ', '.join(gone))

elif check == 'help':
    pages = sorted(glob.glob(os.path.join(src, 'help', 'C', '*.page')))
    code, out = run('yelp-check', 'validate', *pages)
    ok(code == 0 and not out.strip(), 'yelp-check validate', out)
    index = open(os.path.join(src, 'help', 'C', 'index.page'), encoding='utf-8').read()
    for page in pages:
        name = os.path.basename(page)[:-len('.page')]
        if name == 'index':
            continue
        text = open(page, encoding='utf-8').read()
        reachable = re.search(r'<link type="guide" xref="index(#[^"]*)?"', text) or \
            ('xref="%s"' % name) in index
        ok(reachable, 'help page %s is reachable from the index' % name)
    for page in pages:
        text = open(page, encoding='utf-8').read()
        ok('href="legal.xml"' in text, 'help page %s carries the license (legal.xml)' % os.path.basename(page))
    listed = open(os.path.join(src, 'help', 'meson.build')).read()
    for page in pages:
        ok("'%s'" % os.path.basename(page) in listed, 'help/meson.build builds ' + os.path.basename(page))
    ok("'legal.xml'" in listed, 'help/meson.build installs legal.xml')
    # Translated help: each language in help/LINGUAS has a complete .po,
    # and the pages itstool built from it are valid Mallard too.
    linguas_path = os.path.join(src, 'help', 'LINGUAS')
    langs = []
    if os.path.exists(linguas_path):
        langs = [l.strip() for l in open(linguas_path) if l.strip() and not l.startswith('#')]
    for lang in langs:
        po = os.path.join(src, 'help', lang, lang + '.po')
        code, out = run('msgfmt', '--check', '--statistics', '-o', os.devnull, po)
        ok(code == 0 and 'fuzzy' not in out and 'untranslated' not in out,
           'help/%s/%s.po is valid and complete' % (lang, lang), out.strip())
        built = sorted(glob.glob(os.path.join(build, 'help', lang, '*.page')))
        if built:
            code, out = run('yelp-check', 'validate', *built)
            ok(code == 0 and not out.strip(), 'yelp-check validate (%s)' % lang, out)

elif check == 'manifest':
    path = os.path.join(src, 'com.example.Commons.json')
    try:
        manifest = json.load(open(path))
    except ValueError as e:
        manifest = None
        ok(False, 'the manifest is JSON', str(e))
    if manifest is not None:
        ok(True, 'the manifest is JSON')
        ok(manifest.get('app-id') == 'com.example.Commons', 'app-id is com.example.Commons')
        ok(manifest.get('command') == 'commons', 'command is commons')
        ok(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk',
           'GNOME runtime and SDK')
        # A supported runtime: GNOME keeps the two newest releases alive;
        # raise the floor as the old one reaches its end of life.
        try:
            version = int(manifest.get('runtime-version', '0'))
        except ValueError:
            version = 0
        ok(version >= 51, 'a supported GNOME runtime (51 or newer)', manifest.get('runtime-version'))
        allowed = {'--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri', '--share=network'}
        extra = set(manifest.get('finish-args', [])) - allowed
        ok(not extra, 'finish-args are minimal', ' '.join(sorted(extra)))
        app = [m for m in manifest.get('modules', []) if isinstance(m, dict) and m.get('name') == 'commons']
        ok(app and app[0].get('buildsystem') == 'meson' and
           any(s.get('type') == 'dir' and s.get('path') == '.' for s in app[0].get('sources', [])),
           'the app module is built with meson from the checkout')
        ok(app and '-Dserver=false' in app[0].get('config-opts', []),
           'the Flatpak builds the app and the CLI, not the server')
        code, out = run('flatpak-builder', '--show-manifest', path)
        ok(code == 0 and 'Unknown property' not in out, 'flatpak-builder reads it without warnings', out)

elif check == 'icons':
    # Every symbolic icon the app names is its own, in its resources: the
    # icon theme's change between versions (Adwaita 48 dropped some).
    used = set()
    for path in glob.glob(os.path.join(src, 'src', 'app', '*.[cu]*')):
        if path.endswith(('.c', '.ui')):
            used |= set(re.findall(r'["> ]([a-z][a-z0-9-]*-symbolic)\b', open(path, encoding='utf-8').read()))
    resources = open(os.path.join(src, 'src', 'app', 'commons.gresource.xml'), encoding='utf-8').read()
    foreign = sorted(name for name in used if not name.startswith('commons-'))
    ok(used and not foreign, 'the app names only its own symbolic icons', ' '.join(foreign))
    missing = sorted(name for name in used
                     if 'icons/scalable/actions/%s.svg' % name not in resources
                     or not os.path.exists(os.path.join(src, 'src', 'app', 'icons', 'scalable', 'actions',
                                                        name + '.svg')))
    ok(not missing, 'each of them is drawn and in the resources', ' '.join(missing))

elif check == 'install':
    code, out = run('meson', 'introspect', build, '--installed')
    code_p, options = run('meson', 'introspect', build, '--buildoptions')
    try:
        prefix = [o['value'] for o in json.loads(options) if o['name'] == 'prefix'][0]
        installed = json.loads(out).values()
    except (ValueError, IndexError):
        prefix, installed = None, []
    outside = [path for path in installed if prefix and not path.startswith(prefix.rstrip('/') + '/')]
    ok(prefix and installed and not outside, 'everything installs under the prefix', ' '.join(outside))

elif check == 'format':
    bad = []
    for path in tracked_files():
        if not (path.startswith(('src/', 'tests/')) and path.endswith(('.c', '.h'))):
            continue
        text = open(os.path.join(src, path), encoding='utf-8').read()
        name = os.path.basename(path)
        problems = []
        if '\t' in text:
            problems.append('tab')
        if re.search(r'[ \t]+$', text, re.M):
            problems.append('trailing whitespace')
        if not text.endswith('\n'):
            problems.append('no final newline')
        head = '\n'.join(text.splitlines()[:10])
        if not re.match(r'/\* %s\b' % re.escape(name), text):
            problems.append('header comment does not start with the file name')
        if 'SPDX-License-Identifier' not in head:
            problems.append('no SPDX line')
        if problems:
            bad.append('%s (%s)' % (path, ', '.join(problems)))
    ok(not bad, 'C sources follow .editorconfig and carry their header', '; '.join(bad))

else:
    ok(False, 'unknown check ' + check)

print('1..%d' % len(results))
for i, (good, description, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if good else 'not ok', i, description))
    if not good and detail:
        for line in str(detail).splitlines()[:40]:
            print('# ' + line)
sys.exit(0)
