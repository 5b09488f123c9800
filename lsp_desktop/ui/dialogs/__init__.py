"""Dialogs for editing records; they validate and return domain objects."""
