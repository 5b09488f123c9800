"""The Action plans tab: table, summary strip, timeline, action dialogs and undo."""
