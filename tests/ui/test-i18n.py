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
from gi.repository import GLib

from commonsui import (Tap, click, find, find_all, find_app, keys, press, screenshot, showing, start,
                       stop, wait_for)

RTL = {'ar', 'he', 'fa', 'ur'}


def locale_for(lang):
    """A UTF-8 locale of @lang if the system has one, else the test's own.
    GTK 4.18 takes the text direction from the locale rather than from
    LANGUAGE, and glibc 2.41 ignores LANGUAGE under C.UTF-8; on GTK 4.8
    and older glibc, LANGUAGE under C.UTF-8 is enough."""
    try:
        names = subprocess.run(['locale', '-a'], capture_output=True, text=True).stdout.split()
    except OSError:
        names = []
    for name in names:
        base, _, charset = name.partition('.')
        if charset.lower().replace('-', '') != 'utf8':
            continue
        if base == lang or ('_' not in lang and base.startswith(lang + '_')):
            return name
    return os.environ.get('LANG', 'C.UTF-8')


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


def seed(data_dir):
    """A note and a plan with activities, so the lists and the plan view
    have something to show."""
    cli = os.environ.get('COMMONS_CLI')
    if not cli:
        return
    subprocess.run([cli, '--data-dir', data_dir, 'note', 'add', '--title', 'Kanji 1',
                    '--body', '山 川 田'], check=False, capture_output=True)
    subprocess.run([cli, '--data-dir', data_dir, 'plan', 'add', '--title', 'Volcanoes',
                    '--summary', 'Lava', '--activity', '15:Video', '--activity', '20:Model'],
                   check=False, capture_output=True)


def section_list(app, name):
    """The window's list of sections, by its (translated) name. A widget
    the app let go of while the tree is walked (the plan editor's rows,
    just after Done Editing) is passed over."""
    for node in find_all(app, pyatspi.ROLE_LIST):
        try:
            if node.name == name:
                return node
        except GLib.GError:
            continue
    return None


def sidebar_rows(app, name):
    """The rows of the window's section list."""
    sections = section_list(app, name)
    if sections is None:
        return []
    rows = [sections.getChildAtIndex(i) for i in range(sections.childCount)]
    return [row for row in rows if row is not None and row.getRole() == pyatspi.ROLE_LIST_ITEM]


GTK_OWN_NAMES = {'Close', 'Minimize', 'Maximize'}


def toolkit_speaks(lang):
    """Whether GTK has a catalogue of its own for @lang here."""
    for code in (lang, lang.split('_')[0]):
        if os.path.exists(os.path.join('/usr/share/locale', code, 'LC_MESSAGES', 'gtk40.mo')):
            return True
    return False


def main():
    lang, po_path = sys.argv[1], sys.argv[2]
    catalogue = read_po(po_path)
    english = {k: v for k, v in catalogue.items() if v and v != k and len(k) > 1}

    locale_dir = tempfile.mkdtemp(prefix='commons-locale-')
    os.makedirs(os.path.join(locale_dir, lang, 'LC_MESSAGES'))
    subprocess.run(['msgfmt', '-o', os.path.join(locale_dir, lang, 'LC_MESSAGES', 'commons.mo'), po_path],
                   check=True)

    tap = Tap(5 if lang in RTL else 4)
    data_dir = tempfile.mkdtemp(prefix='commons-ui-i18n-')
    shots = os.environ.get('COMMONS_SCREENSHOTS')
    seed(data_dir)
    proc = start(data_dir, env={'LANGUAGE': lang, 'LANG': locale_for(lang),
                                'COMMONS_LOCALE_DIR': locale_dir})
    app = find_app(proc.pid)
    if app is None:
        tap.bail('the app did not appear on the accessibility bus')

    untranslated = set()
    seen = 0

    def read(name):
        nonlocal seen
        time.sleep(1.0)
        for text in visible_texts(app):
            seen += 1
            if text in english:
                untranslated.add(text)
        if shots:
            os.makedirs(shots, exist_ok=True)
            screenshot(os.path.join(shots, 'i18n-%s-%s.png' % (lang, name)))

    def translated(msgid):
        return catalogue.get(msgid) or msgid

    try:
        sections = wait_for(lambda: sidebar_rows(app, translated('Sections')), timeout=15)
        tap.ok(bool(sections) and len(sections) >= 4, 'the window shows its sections',
               '%d sections' % len(sections or []))

        # Each section in turn, clicked as a person would; in the two
        # lists, the first item too, and a plan's editor.
        for index in range(len(sections or [])):
            rows = sidebar_rows(app, translated('Sections'))
            if index >= len(rows):
                break
            click(rows[index])
            read('section-%d' % index)
            # The seeded note and plan, opened by their titles.
            title = {0: 'Kanji 1', 1: 'Volcanoes'}.get(index)
            item = title and find(app, pyatspi.ROLE_LABEL, name=title, timeout=3)
            if item:
                click(item)
                read('section-%d-item' % index)
            if index == 1:
                edit = find(app, pyatspi.ROLE_PUSH_BUTTON, contains=translated('Edit Plan'), timeout=3)
                if edit is not None:
                    press(edit)
                    read('plan-editor')
                    press(edit)

        keys('ctrl+comma')
        time.sleep(1.5)
        for text in visible_texts(pyatspi.Registry.getDesktop(0)):
            seen += 1
            if text in english:
                untranslated.add(text)
        if shots:
            screenshot(os.path.join(shots, 'i18n-%s-preferences.png' % lang))
        keys('Escape')

        tap.ok(seen > 10, 'read the names on every screen', '%d names' % seen)
        # GTK names its window controls itself; in a language GTK has no
        # catalogue for (Swahili, here) they stay English whatever Commons
        # says, and the app uses the same word for its own close buttons.
        if not toolkit_speaks(lang):
            untranslated -= GTK_OWN_NAMES
        tap.ok(not untranslated, 'no visible name is left in English',
               ', '.join(sorted(untranslated)))

        if lang in RTL:
            click(sidebar_rows(app, translated('Sections'))[0])
            time.sleep(1.0)
            lists = [n for n in find_all(app, pyatspi.ROLE_LIST) if showing(n)]
            xs = []
            for node in lists:
                extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                xs.append((extents.x, node.name))
            xs.sort()
            # In a mirrored window the list of sections is the rightmost.
            sections = section_list(app, translated('Sections'))
            ok = False
            if sections is not None and len(xs) > 1:
                sx = sections.queryComponent().getExtents(pyatspi.WINDOW_COORDS).x
                ok = sx == max(x for x, _ in xs)
            tap.ok(ok, 'the window is laid out right to left', str(xs))
    finally:
        keys('ctrl+q')
        status = stop(proc)

    # Every page built and then closed with the window: a critical warning
    # on the way (fatal here) would end the app with a signal.
    tap.ok(status == 0, 'the app quits cleanly after visiting every page', 'exit status %s' % status)
    tap.finish()


if __name__ == '__main__':
    main()
