"""The audit log and the History panel of one record."""
