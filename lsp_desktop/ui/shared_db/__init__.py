"""A shared partnership on PostgreSQL: the open dialog, refresh, live changes, connection."""
