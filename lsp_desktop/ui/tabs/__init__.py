"""One widget per main-window tab, each handed the services it needs."""
