#!/usr/bin/python3
# screenshots.py — take a screenshot of every screen of Commons
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run through screenshot.sh, which provides the X server and session bus.
# Usage: screenshots.py OUTDIR WIDTH HEIGHT

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi

from commonsui import (click, find, find_all, find_app, insert_text, press, screenshot,
                       set_text, start, stop, wait_for)

outdir, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(outdir, exist_ok=True)
build = os.environ.get('COMMONS_BUILD_ROOT', '_build-app')
cli = os.environ.get('COMMONS_CLI', os.path.join(build, 'src', 'cli', 'commons-cli'))
data_dir = tempfile.mkdtemp(prefix='commons-shots-')
server_dir = tempfile.mkdtemp(prefix='commons-shots-server-')
server = None

NOTES = [
    ('Photosynthèse : idées reçues',
     'Beaucoup d’élèves pensent que la plante « mange » la terre. Partir de la '
     'masse d’un arbre : d’où vient-elle ? De l’air, surtout.'),
    ('Reading circle, week 3',
     'Groups of four. Each reader brings one question and one quote. '
     'Rotate the roles: summariser, questioner, connector, illustrator.'),
    ('Fractions with pizza',
     'Partager une pizza en huit parts égales. Ask the class which is bigger, '
     '3/8 or 1/2, before anyone cuts anything.'),
    ('Élèves et fractions',
     'Les élèves comparent des fractions avec des bandes de papier. '
     'Finir par un petit quiz de cinq questions.'),
]


def shot(name, crop=None):
    time.sleep(0.8)
    path = os.path.join(outdir, name + '.png')
    screenshot(path)
    if crop:
        subprocess.run(['convert', path, '-crop', crop, '+repage', path], check=False)


def resize(proc, w, h):
    ids = subprocess.run(['xdotool', 'search', '--pid', str(proc.pid)],
                         capture_output=True, text=True).stdout.split()
    for wid in ids:
        subprocess.run(['xdotool', 'windowsize', wid, str(w), str(h)], check=False)
        subprocess.run(['xdotool', 'windowmove', wid, '0', '0'], check=False)


def app_action(name):
    subprocess.run(['gapplication', 'action', 'com.example.Commons', name], check=False)


def quit_app(proc):
    app_action('quit')
    stop(proc)


def open_first_note(app):
    notes = find(app, pyatspi.ROLE_LIST, 'Notes', visible=False)
    notes.querySelection().selectChild(0)
    return find(app, pyatspi.ROLE_TEXT, 'Note text')


try:
    # An empty data folder first.
    proc = start(data_dir)
    app = find_app(proc.pid)
    resize(proc, width, height)
    find(app, pyatspi.ROLE_LABEL, 'No Notes Yet')
    shot('empty')
    quit_app(proc)

    for title, body in NOTES:
        subprocess.run([cli, '--data-dir', data_dir, 'note', 'add', '--title', title,
                        '--body', body], check=True, stdout=subprocess.DEVNULL)

    proc = start(data_dir)
    app = find_app(proc.pid)
    resize(proc, width, height)
    body = open_first_note(app)
    shot('notes')

    # Every save a version of its own, so the history has something to show.
    app_action('preferences')
    spin = find(app, pyatspi.ROLE_SPIN_BUTTON, contains='Minutes between versions')
    if spin is not None:
        # GTK 4.8 takes no value over AT-SPI; type it, as a person would.
        spin.queryValue().currentValue = 0
        print('# minutes between versions: %r' % spin.queryValue().currentValue)
    shot('preferences')
    subprocess.run(['xdotool', 'key', 'Escape'], check=False)
    time.sleep(0.5)

    if body is not None:
        insert_text(body, ' Questions du jour :')
        time.sleep(1)
        insert_text(body, ' pourquoi 1/2 = 4/8 ?')
        time.sleep(1)
    press(find(app, pyatspi.ROLE_PUSH_BUTTON, 'History'))
    versions = find(app, pyatspi.ROLE_LIST, 'Versions')
    if versions is not None and versions.childCount > 1:
        versions.querySelection().selectChild(1)
    shot('history')
    subprocess.run(['xdotool', 'key', 'Escape'], check=False)
    time.sleep(0.5)

    search = find(app, pyatspi.ROLE_ENTRY, 'Search notes')
    set_text(search, 'eleve')
    shot('search')
    set_text(search, 'zebre')
    shot('no-results')
    set_text(search, '')

    app_action('about')
    shot('about')
    subprocess.run(['xdotool', 'key', 'Escape'], check=False)
    time.sleep(0.5)

    # Narrow: the list and the editor become separate pages.
    resize(proc, 360, min(height, 720))
    time.sleep(0.5)
    press(find(app, pyatspi.ROLE_PUSH_BUTTON, 'Back to Notes', visible=False))
    shot('narrow-list', '360x720+0+0')
    open_first_note(app)
    shot('narrow-editor', '360x720+0+0')
    quit_app(proc)

    # Lesson plans and reviews by other people (seed-plans), and a group on
    # a server of its own.
    seed = os.environ.get('COMMONS_SEED_PLANS', os.path.join(build, 'tests', 'ui', 'seed-plans'))
    subprocess.run([seed, data_dir], check=False, stdout=subprocess.DEVNULL)
    server_bin = os.environ.get('COMMONS_SERVER', os.path.join(build, 'src', 'server', 'commons-server'))
    if os.path.exists(server_bin):
        log = open(os.path.join(server_dir, 'server.log'), 'w')
        server = subprocess.Popen([server_bin, '--listen', '127.0.0.1:0', '--data-dir', server_dir],
                                  stdout=log, stderr=subprocess.STDOUT)

        def address():
            with open(os.path.join(server_dir, 'server.log')) as f:
                match = re.search(r'(http://127\.0\.0\.1:\d+)', f.read())
            return match.group(1) if match else None
        url = wait_for(address, 10)
        if url:
            subprocess.run([cli, '--data-dir', data_dir, 'group', 'create', '--server', url,
                            '--name', 'Biology', '--display-name', 'Amina'],
                           check=False, stdout=subprocess.DEVNULL)

    proc = start(data_dir)
    app = find_app(proc.pid)
    resize(proc, width, height)
    # The group syncs as the app starts and the lists refill when it ends:
    # wait for that, then retry each step until its page shows.
    find(app, pyatspi.ROLE_LABEL, contains='Synced', timeout=15)
    time.sleep(1)
    sections = find(app, pyatspi.ROLE_LIST, 'Sections')

    def open_section(name, shows):
        def attempt():
            click(find(sections, pyatspi.ROLE_LABEL, name=name, timeout=2))
            return find(app, None, contains=shows, timeout=2)
        return wait_for(attempt, timeout=15)

    open_section('Lesson Plans', 'New Plan')

    def open_plan():
        click(find(app, pyatspi.ROLE_LABEL, name='Leaves under a lens', timeout=2))
        return find(app, pyatspi.ROLE_LABEL, contains='Status:', timeout=2)
    wait_for(open_plan, timeout=15)
    shot('plan')
    open_section('Reviews', 'Your Reviews')
    shot('reviews')
    open_section('Groups', 'Sync All Groups Now')
    shot('groups')

    quit_app(proc)
finally:
    if server is not None:
        server.terminate()
        server.wait()
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.rmtree(server_dir, ignore_errors=True)
