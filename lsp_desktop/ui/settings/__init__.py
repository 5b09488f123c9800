"""The officer's preferences: their QSettings store and the Settings dialog."""
