"""File menu import, export, archive, backups and personal data, with their dialogs."""
