#!/usr/bin/python3
"""A file manager's drag, for the e2e tests: a small GTK 3 window whose button can be dragged
out as `text/uri-list` for the files given on the command line (what Nautilus offers).

WebDriver cannot start a native drag; X can, with xdotool pressing and moving the real
pointer. Prints one JSON line when the window is on screen: its X id and where the button is
(root coordinates), then runs until killed. Usage: drag-source.py X Y FILE...
"""
import json
import sys
from pathlib import Path

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402


def main() -> None:
    x, y, files = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    uris = [Path(f).resolve().as_uri() for f in files]
    window = Gtk.Window(title="Jiffy e2e drag source")
    window.set_default_size(160, 60)
    window.move(x, y)
    button = Gtk.Button(label="Drag me")
    button.drag_source_set(
        Gdk.ModifierType.BUTTON1_MASK,
        [Gtk.TargetEntry.new("text/uri-list", 0, 0)],
        Gdk.DragAction.COPY,
    )
    button.connect("drag-data-get", lambda _w, _c, data, _i, _t: data.set_uris(uris))
    window.add(button)
    window.connect("destroy", Gtk.main_quit)
    window.show_all()

    def report() -> bool:
        gdk_window = window.get_window()
        if gdk_window is None or not button.get_mapped():
            return True
        ox, oy = gdk_window.get_origin()[1:]
        alloc = button.get_allocation()
        print(
            json.dumps(
                {
                    "window": gdk_window.get_xid(),
                    "x": ox + alloc.x + alloc.width // 2,
                    "y": oy + alloc.y + alloc.height // 2,
                }
            ),
            flush=True,
        )
        return False

    GLib.timeout_add(200, report)
    Gtk.main()


if __name__ == "__main__":
    main()
