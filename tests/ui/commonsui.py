# commonsui.py — drive Commons through its accessibility tree
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

import collections
import os
import re
import subprocess
import sys
import time

import pyatspi

# run-ui-test.sh keeps G_DEBUG from this process (GLib has read it by now)
# and gives it back to every program the test starts.
if os.environ.get('COMMONS_CHILD_G_DEBUG'):
    os.environ['G_DEBUG'] = os.environ['COMMONS_CHILD_G_DEBUG']

APP_NAME = 'commons'


class Tap:
    """Test Anything Protocol output, one line per check."""

    def __init__(self, planned):
        self.planned = planned
        self.count = 0
        self.failed = 0
        print('1..%d' % planned, flush=True)

    def ok(self, condition, description, detail=None):
        self.count += 1
        if condition:
            print('ok %d - %s' % (self.count, description), flush=True)
        else:
            self.failed += 1
            print('not ok %d - %s' % (self.count, description), flush=True)
            if detail:
                for line in str(detail).splitlines():
                    print('# ' + line, flush=True)
        return condition

    def skip(self, description, reason):
        self.count += 1
        print('ok %d - %s # SKIP %s' % (self.count, description, reason), flush=True)

    def bail(self, reason):
        print('Bail out! %s' % reason, flush=True)
        sys.exit(1)

    def finish(self):
        while self.count < self.planned:
            self.ok(False, 'not reached')
        sys.exit(1 if self.failed else 0)


def app_binary():
    path = os.environ.get('COMMONS_APP')
    if not path:
        build = os.environ.get('COMMONS_BUILD_ROOT', '_build-app')
        path = os.path.join(build, 'src', 'app', 'commons')
    return path


def start(data_dir, env=None, log=None):
    """Starts the app on @data_dir; returns the process."""
    full_env = dict(os.environ)
    full_env['COMMONS_DATA_DIR'] = data_dir
    full_env.pop('NO_AT_BRIDGE', None)
    if env:
        full_env.update(env)
    return subprocess.Popen([app_binary()], env=full_env,
                            stdout=log or subprocess.DEVNULL,
                            stderr=log or None)


def wait_for(predicate, timeout=15.0, interval=0.2):
    """Polls @predicate until it returns something true, or None."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = predicate()
        except Exception:
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            return None
        time.sleep(interval)


def find_app(pid=None, timeout=20.0):
    def look():
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is None:
                continue
            try:
                if pid is not None and app.get_process_id() != pid:
                    continue
                if app.name == APP_NAME or pid is not None:
                    return app
            except Exception:
                continue
        return None
    return wait_for(look, timeout)


def showing(node):
    """Whether @node is on screen. GTK 4.8 does not report the showing
    state, but a widget that is not mapped has no size."""
    try:
        states = node.getState()
        if states.contains(pyatspi.STATE_SHOWING):
            return True
        if not states.contains(pyatspi.STATE_VISIBLE):
            return False
        extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return extents.width > 0 and extents.height > 0
    except Exception:
        return False


def contains_text(node, part):
    """Whether @node's name or text holds @part, in any case: newer
    libadwaita names a row's control after the row's title, in title case
    ("Minutes Between Versions"), where GTK 4.8 keeps the control's own
    name ("Minutes between versions")."""
    part = part.casefold()
    return part in (node.name or '').casefold() or part in text_of(node).casefold()


def find(root, role=None, name=None, contains=None, visible=True, timeout=10.0):
    """Finds a descendant by role and accessible name (exact, or a part)."""
    def match(node):
        try:
            if role is not None and node.getRole() != role:
                return False
            label = node.name or ''
            if name is not None and label != name:
                return False
            if contains is not None and not contains_text(node, contains):
                return False
            if visible and not showing(node):
                return False
            return True
        except Exception:
            return False
    return wait_for(lambda: next((n for n in walk(root, True) if match(n)), None), timeout)


def find_all(root, role=None, contains=None, visible=True):
    def match(node):
        try:
            if role is not None and node.getRole() != role:
                return False
            if contains is not None and not contains_text(node, contains):
                return False
            return not visible or showing(node)
        except Exception:
            return False
    return [node for node in walk(root) if match(node)]


def children_of(node):
    """The children of @node that can still be read; none if it cannot."""
    try:
        count = node.childCount
    except Exception:
        return []
    children = []
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            child = None
        if child is not None:
            children.append(child)
    return children


def walk(root, breadth_first=False):
    """Every descendant of @root, in pre-order or breadth first.  The tree
    changes under the walk while the app works (a row goes away, a popover
    closes); a node that cannot be read any more is skipped with its
    subtree rather than ending the walk with an exception, as pyatspi's
    own search does."""
    pending = collections.deque(children_of(root))
    while pending:
        node = pending.popleft()
        yield node
        if breadth_first:
            pending.extend(children_of(node))
        else:
            pending.extendleft(reversed(children_of(node)))


def text_of(node):
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount)
    except Exception:
        return ''


def press(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ('click', 'press', 'activate'):
            return action.doAction(i)
    return action.doAction(0)


def set_text(node, value):
    editable = node.queryEditableText()
    editable.setTextContents(value)


def insert_text(node, value):
    # GTK 4.8 reads the length in bytes, not characters.
    editable = node.queryEditableText()
    text = node.queryText()
    editable.insertText(text.characterCount, value, len(value.encode('utf-8')))


def keys(*combos):
    """Types key combinations into the focused window (xdotool)."""
    subprocess.run(['xdotool', 'key', '--clearmodifiers'] + list(combos), check=False)


def stop(proc, timeout=15.0):
    try:
        return proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return None


def gtk_at_least(minor):
    """Whether the app runs on GTK 4.@minor or later (from the build)."""
    version = os.environ.get('COMMONS_GTK_VERSION')
    if not version:
        # Outside meson test (screenshot.sh): ask the system.
        try:
            version = subprocess.run(['pkg-config', '--modversion', 'gtk4'], capture_output=True,
                                     text=True).stdout.strip()
        except OSError:
            version = ''
        os.environ['COMMONS_GTK_VERSION'] = version or '4.8'
        version = version or '4.8'
    try:
        major_, minor_ = version.split('.')[:2]
        return (int(major_), int(minor_)) >= (4, minor)
    except ValueError:
        return False


def start_server(data_dir, log_path, server=None):
    """A commons-server on a free loopback port, its log going to a file so
    that a full pipe never stalls it. Returns the process and the address
    it listens on (None if it did not say in time)."""
    server = server or os.environ['COMMONS_SERVER']
    with open(log_path, 'w') as log:
        proc = subprocess.Popen([server, '--listen', '127.0.0.1:0', '--data-dir', data_dir],
                                stdout=log, stderr=subprocess.STDOUT, text=True)

    def address():
        with open(log_path) as f:
            match = re.search(r'(http://127\.0\.0\.1:\d+)', f.read())
        return match.group(1) if match else None
    return proc, wait_for(address, 10)


def sidebar_label(app, name, timeout=10):
    """The label of the sidebar's row named @name. A page's own title may
    say the same, and a page seen before may still claim to be showing:
    the sidebar's sits inside a list item."""
    def look():
        for node in find_all(app, pyatspi.ROLE_LABEL):
            if node.name == name and _list_item_of(node.parent) is not None:
                return node
        return None
    return wait_for(look, timeout)


def _list_item_of(node):
    for _ in range(6):
        if node is None:
            return None
        if node.getRole() == pyatspi.ROLE_LIST_ITEM:
            return node
        node = node.parent
    return None


def _click_without_pointer(node):
    """GTK 4.16 and later place widgets in the accessibility tree relative
    to their accessible parents and leave out the offsets of the widgets
    between them, so the pointer cannot be aimed from the tree. Act on
    @node the way assistive technologies do instead: its own action, or
    selecting the list row it stands in."""
    try:
        action = node.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
    except NotImplementedError:
        names = []
    if any(name in ('click', 'press', 'activate') for name in names):
        press(node)
        return True
    item = _list_item_of(node)
    if item is not None and item.parent is not None:
        try:
            return item.parent.querySelection().selectChild(item.getIndexInParent())
        except NotImplementedError:
            return False
    return False


def click(node):
    """Clicks the middle of @node with the pointer, as a person would."""
    if gtk_at_least(16) and _click_without_pointer(node):
        return
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x = extents.x + extents.width // 2
    y = extents.y + extents.height // 2
    # Moving there from a pixel away makes sure the window under the
    # pointer sees it arrive, even when the last click was at the same
    # place in another window.
    subprocess.run(['xdotool', 'mousemove', str(x + 1), str(y + 1), 'sleep', '0.1',
                    'mousemove', str(x), str(y), 'sleep', '0.1', 'click', '1'], check=False)


def screenshot(path):
    subprocess.run(['import', '-window', 'root', path], check=False)


# Roles a person acts on, which a screen reader announces by name.
INTERACTIVE_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_LIST_ITEM,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_LINK,
}


def name_problem(name):
    """Why @name is not what a person would say for a control, or None:
    no name, a class name ("GtkImage"), a leaked mnemonic ("_Undo"), or a
    label said twice ("Approve Approve", "_Undo Undo")."""
    name = (name or '').strip()
    if not name:
        return 'no name'
    if re.match(r'^(Gtk|Adw|Commons)[A-Z][A-Za-z]+$', name):
        return 'a class name'
    if re.search(r'(^|[\s(“"])_\w', name):
        return 'a leaked mnemonic'
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half > 0 and words[:half] == words[half:]:
        return 'said twice'
    return None


def badly_named(root, unique=None):
    """Every control on show under @root whose accessible name is missing
    or not one a person would say, as "role 'name': why" lines; and, for
    the names @unique accepts, buttons that share a name (two "Move
    Activity Up" cannot be told apart). GTK 4.8 cannot say what is on
    show (see showing()), so a page the stack hides is walked too."""
    problems = []
    seen = collections.Counter()
    for node in walk(root):
        try:
            role = node.getRole()
            if role not in INTERACTIVE_ROLES or not showing(node):
                continue
            name = node.name or ''
            why = name_problem(name)
            if why:
                problems.append('%s %r: %s' % (node.getRoleName(), name, why))
            elif unique is not None and role == pyatspi.ROLE_PUSH_BUTTON and unique(name):
                seen[name] += 1
        except Exception:
            continue
    problems.extend('%r: %d controls share the name' % (name, n) for name, n in seen.items() if n > 1)
    return problems


def new_window(app, before, timeout=10.0):
    """A window of @app that is not among @before: GTK 4.8 and 4.18 give
    dialogs and the shortcuts window different roles and names."""
    known = {(w.getRoleName(), w.name) for w in before}

    def look():
        for window in children_of(app):
            try:
                if (window.getRoleName(), window.name) not in known and window.childCount > 0:
                    return window
            except Exception:
                continue
        return None
    return wait_for(look, timeout)
