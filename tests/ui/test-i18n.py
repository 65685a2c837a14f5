#!/usr/bin/python3
# test-i18n.py — every screen speaks the person's language
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-i18n.py LANG PO_FILE
#
# Compiles PO_FILE into a private locale folder, starts Commons with
# LANGUAGE=LANG, visits every section of the sidebar and the preferences,
# and checks that no visible name or label is still the English original
# of a message the catalogue translates. Messages whose translation is the
# same as the English (a name, "OK" in some languages) are allowed by the
# catalogue itself. For right-to-left languages it also checks that the
# window is mirrored: the sidebar stands to the right of the content.

import os
import subprocess
import sys
import tempfile
import time

import pyatspi

from commonsui import Tap, find, find_all, find_app, keys, press, showing, start, stop, wait_for

RTL = {'ar', 'he', 'fa', 'ur'}


def read_po(path):
    """msgid → msgstr for every translated message (no plurals' forms)."""
    import re
    entries = {}
    msgid = msgstr = None
    field = None
    fuzzy = False

    def unquote(line):
        return bytes(line.strip()[1:-1], 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')

    def flush():
        if msgid and msgstr is not None and not fuzzy:
            entries[msgid] = msgstr

    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('#,') and 'fuzzy' in line:
                fuzzy = True
            elif line.startswith('msgid '):
                flush()
                msgid, msgstr, field = unquote(line[6:]), None, 'id'
            elif line.startswith('msgstr '):
                msgstr, field = unquote(line[7:]), 'str'
            elif line.startswith('msgstr[0] '):
                msgstr, field = unquote(line[10:]), 'str'
            elif line.startswith('"'):
                if field == 'id':
                    msgid += unquote(line)
                elif field == 'str' and msgstr is not None:
                    msgstr += unquote(line)
            elif not line.strip():
                flush()
                msgid = msgstr = None
                field = None
                fuzzy = False
    flush()
    return entries


def visible_texts(root):
    texts = []
    for node in find_all(root):
        try:
            role = node.getRole()
            if role in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_DOCUMENT_TEXT):
                continue
            if node.name:
                texts.append(node.name.strip())
        except Exception:
            continue
    return texts


def main():
    lang, po_path = sys.argv[1], sys.argv[2]
    catalogue = read_po(po_path)
    english = {k: v for k, v in catalogue.items() if v and v != k and len(k) > 1}

    locale_dir = tempfile.mkdtemp(prefix='commons-locale-')
    os.makedirs(os.path.join(locale_dir, lang, 'LC_MESSAGES'))
    subprocess.run(['msgfmt', '-o', os.path.join(locale_dir, lang, 'LC_MESSAGES', 'commons.mo'), po_path],
                   check=True)

    tap = Tap(4 if lang in RTL else 3)
    data_dir = tempfile.mkdtemp(prefix='commons-ui-i18n-')
    proc = start(data_dir, env={'LANGUAGE': lang, 'LANG': 'C.UTF-8',
                                'COMMONS_LOCALE_DIR': locale_dir})
    app = find_app(proc.pid)
    if app is None:
        tap.bail('the app did not appear on the accessibility bus')

    try:
        sections = wait_for(lambda: [n for n in find_all(app, pyatspi.ROLE_LIST_ITEM)
                                     if showing(n)], timeout=15)
        tap.ok(bool(sections), 'the window shows its sections')

        untranslated = set()
        seen = 0
        for index in range(len(sections or [])):
            rows = [n for n in find_all(app, pyatspi.ROLE_LIST_ITEM) if showing(n)]
            if index >= len(rows):
                break
            try:
                rows[index].queryAction().doAction(0)
            except Exception:
                pass
            time.sleep(1.0)
            for text in visible_texts(app):
                seen += 1
                if text in english:
                    untranslated.add(text)

        keys('ctrl+comma')
        time.sleep(1.5)
        for text in visible_texts(pyatspi.Registry.getDesktop(0)):
            seen += 1
            if text in english:
                untranslated.add(text)

        tap.ok(seen > 10, 'read the names on every screen', '%d names' % seen)
        tap.ok(not untranslated, 'no visible name is left in English',
               ', '.join(sorted(untranslated)))

        if lang in RTL:
            frames = [n for n in find_all(app, pyatspi.ROLE_FRAME)]
            lists = [n for n in find_all(app, pyatspi.ROLE_LIST) if showing(n)]
            xs = []
            for node in lists:
                extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                xs.append((extents.x, node.name))
            xs.sort()
            # The section list is the first list in the tree; in a mirrored
            # window it is the rightmost one.
            section_list = lists[0] if lists else None
            ok = False
            if section_list is not None and len(xs) > 1:
                sx = section_list.queryComponent().getExtents(pyatspi.WINDOW_COORDS).x
                ok = sx == max(x for x, _ in xs)
            tap.ok(ok, 'the window is laid out right to left', str(xs))
    finally:
        keys('ctrl+q')
        stop(proc)

    tap.finish()


if __name__ == '__main__':
    main()
