"""Qt user interface: main window, tabs, dialogs, table models and widgets."""
