"""Parts of the main window: lazy tabs, go-to-tab keys, remembered size and tab."""
