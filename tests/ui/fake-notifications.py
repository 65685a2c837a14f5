#!/usr/bin/python3
# fake-notifications.py — a notification server that writes down what it is sent
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: fake-notifications.py LOG
#
# Owns org.gtk.Notifications on the session bus, which GApplication prefers
# over the freedesktop server when someone owns it, and appends each
# notification to LOG as one line of JSON: its id, title, body, default
# action and that action's target. A test reads the target to activate what
# clicking the notification would.

import json
import sys

from gi.repository import Gio, GLib

XML = '''
<node>
  <interface name="org.gtk.Notifications">
    <method name="AddNotification">
      <arg type="s" direction="in"/>
      <arg type="s" direction="in"/>
      <arg type="a{sv}" direction="in"/>
    </method>
    <method name="RemoveNotification">
      <arg type="s" direction="in"/>
      <arg type="s" direction="in"/>
    </method>
  </interface>
</node>
'''

log_path = sys.argv[1]


def call(connection, sender, path, interface, method, parameters, invocation):
    if method == 'AddNotification':
        app_id, notification_id, notification = parameters.unpack()
        target = notification.get('default-action-target')
        with open(log_path, 'a') as log:
            log.write(json.dumps({'app': app_id, 'id': notification_id,
                                  'title': notification.get('title'),
                                  'body': notification.get('body'),
                                  'action': notification.get('default-action'),
                                  'target': target}) + '\n')
    invocation.return_value(None)


def acquired(connection, name):
    info = Gio.DBusNodeInfo.new_for_xml(XML)
    connection.register_object('/org/gtk/Notifications', info.interfaces[0], call, None, None)


def owned(connection, name):
    with open(log_path, 'a'):
        pass
    print('ready', flush=True)


Gio.bus_own_name(Gio.BusType.SESSION, 'org.gtk.Notifications', Gio.BusNameOwnerFlags.NONE,
                 acquired, owned, None)
GLib.MainLoop().run()
